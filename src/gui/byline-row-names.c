/* byline-row-names.c
 *
 * Copyright 2026 The Byline Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * libadwaita (1.7) exports some of its rows and lists on AT-SPI without a name, or with one
 * said twice, and a screen reader reads them so:
 *
 * - an AdwComboRow shows its value in a list view of its own and offers its choices in
 *   another, in a popover; neither list nor any of their items has a name (the items are
 *   labelled by nothing, and GTK does not name a list item after its text);
 * - an AdwEntryRow is named by its title twice, as the row's and as its text's;
 * - an AdwExpanderRow is a focusable row without a name (only its inner header row has one);
 * - a boxed list outside a titled AdwPreferencesGroup (AdwAboutDialog's, or a group without a
 *   title) is labelled by nothing, or by the group's empty title;
 * - an AdwAlertDialog's message scrolls in a pane that takes the focus, and that GTK cannot
 *   name (it prohibits names for the pane's role): a nameless stop between heading and buttons;
 * - an AdwViewSwitcher, the list of a view stack's pages, has no name, nor have an AdwTabBar's
 *   lists of tabs, and each of its tabs sits in an unnamed group that says it takes the focus
 *   but passes it to the tab.
 *
 * Until libadwaita names them, byline_row_names_apply() names them after what they show: a
 * combo row's lists after the row's title and their items after their text, an entry or
 * expander row after its title, once, a list without a title after its rows; an alert's
 * message pane no longer takes the focus (the alert's text is its description anyway);
 * byline_view_switchers_name() and byline_tab_bars_name() name the lists of pages and tabs.
 */

#define G_LOG_DOMAIN "byline-row-names"

#include "config.h"

#include "byline-menu-names.h"
#include "byline-row-names.h"

static GtkWidget *
find_label (GtkWidget *widget)
{
  if (widget == NULL || GTK_IS_LABEL (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = find_label (child);

      if (label != NULL)
        return label;
    }

  return NULL;
}

static char *
row_title (AdwPreferencesRow *row)
{
  const char *title = adw_preferences_row_get_title (row);

  if (title == NULL || *title == '\0')
    return NULL;

  if (adw_preferences_row_get_use_underline (row))
    return byline_strip_mnemonic (title);

  return g_strdup (title);
}

/* A list item is named after the text it shows, each time it shows another. */
static void
combo_item_bound_cb (GtkSignalListItemFactory *factory,
                     GObject                  *object,
                     gpointer                  user_data)
{
  GtkListItem *item = GTK_LIST_ITEM (object);
  GtkWidget *label = find_label (gtk_list_item_get_child (item));

  if (label != NULL)
    gtk_list_item_set_accessible_label (item, gtk_label_get_text (GTK_LABEL (label)));
}

/* The lists inside the row (the value shown and the popover's choices), and their items
 * bound before the row was named. */
static void
name_combo_lists (GtkWidget  *widget,
                  const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

          for (GtkWidget *item = gtk_widget_get_first_child (child);
               item != NULL;
               item = gtk_widget_get_next_sibling (item))
            {
              GtkWidget *label = find_label (item);

              if (label != NULL && gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (item)) ==
                                   GTK_ACCESSIBLE_ROLE_LIST_ITEM)
                gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                gtk_label_get_text (GTK_LABEL (label)), -1);
            }
        }
      else
        name_combo_lists (child, title);
    }
}

static void
name_combo_row (AdwComboRow *row)
{
  GtkListItemFactory *factories[2] = {
    adw_combo_row_get_factory (row),
    adw_combo_row_get_list_factory (row),
  };
  g_autofree char *title = row_title (ADW_PREFERENCES_ROW (row));

  for (guint i = 0; i < G_N_ELEMENTS (factories); i++)
    {
      if (GTK_IS_SIGNAL_LIST_ITEM_FACTORY (factories[i]) &&
          g_object_get_data (G_OBJECT (factories[i]), "byline-names-items") == NULL)
        {
          g_object_set_data (G_OBJECT (factories[i]), "byline-names-items", GINT_TO_POINTER (TRUE));
          g_signal_connect_after (factories[i], "bind", G_CALLBACK (combo_item_bound_cb), NULL);
        }
    }

  if (title != NULL)
    name_combo_lists (GTK_WIDGET (row), title);
}

/* A list outside a titled group is named after its rows. */
static void
name_list (GtkListBox *list)
{
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_PREFERENCES_GROUP);
  g_autoptr(GString) titles = NULL;
  const char *group_title;

  group_title = group != NULL ? adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)) : NULL;
  if (group_title != NULL && *group_title != '\0')
    return;

  /* An expander row's own lists are named by the row. */
  if (gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_EXPANDER_ROW) != NULL)
    return;

  titles = g_string_new (NULL);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autofree char *title = NULL;

      if (!ADW_IS_PREFERENCES_ROW (row) || !gtk_widget_get_visible (row))
        continue;

      title = row_title (ADW_PREFERENCES_ROW (row));
      if (title != NULL)
        g_string_append_printf (titles, "%s%s", titles->len > 0 ? ", " : "", title);
    }

  /* libadwaita labels it by the group's empty title, and a labelling relation wins over the
   * list's own label too: an empty list keeps the label it was given. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  if (titles->len == 0)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  titles->str, -1);
}

static void
unfocus_scrolled_windows (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* Not merely unfocusable: a scrolled window that cannot take the focus still tells the
       * focus chain it took it, and the focus fell out of the alert. */
      if (GTK_IS_SCROLLED_WINDOW (child))
        gtk_widget_set_can_focus (child, FALSE);
      unfocus_scrolled_windows (child);
    }
}

/**
 * byline_row_names_apply:
 * @widget: a widget holding libadwaita rows and boxed lists (a dialog, a panel)
 *
 * Names @widget's combo, entry and expander rows and its untitled lists on AT-SPI, as a
 * screen reader needs them, where libadwaita leaves them unnamed or names them twice. Call it
 * again once rows are added.
 */
void
byline_row_names_apply (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (ADW_IS_ALERT_DIALOG (widget))
    unfocus_scrolled_windows (widget);

  /* A dialog holds its child in its widget tree only once it is presented. */
  if (ADW_IS_DIALOG (widget) && adw_dialog_get_child (ADW_DIALOG (widget)) != NULL)
    {
      byline_row_names_apply (adw_dialog_get_child (ADW_DIALOG (widget)));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_COMBO_ROW (child))
        name_combo_row (ADW_COMBO_ROW (child));
      else if (ADW_IS_ENTRY_ROW (child) || ADW_IS_EXPANDER_ROW (child))
        {
          g_autofree char *title = row_title (ADW_PREFERENCES_ROW (child));

          if (title != NULL)
            {
              /* Labelled by its title label: the relation would win over the label. */
              gtk_accessible_reset_relation (GTK_ACCESSIBLE (child),
                                             GTK_ACCESSIBLE_RELATION_LABELLED_BY);
              gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
            }
        }
      else if (GTK_IS_LIST_BOX (child))
        name_list (GTK_LIST_BOX (child));

      byline_row_names_apply (child);
    }
}

/**
 * byline_view_switchers_name:
 * @widget: a widget holding view switchers
 * @stack: (nullable): the view stack whose switchers to name, or %NULL for all of them
 * @label: what the pages are, as "Side Panel"
 *
 * Names the view switchers of @stack inside @widget on AT-SPI: libadwaita leaves the list of
 * pages unnamed.
 */
void
byline_view_switchers_name (GtkWidget    *widget,
                            AdwViewStack *stack,
                            const char   *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (label != NULL);

  if (ADW_IS_DIALOG (widget) && adw_dialog_get_child (ADW_DIALOG (widget)) != NULL)
    {
      byline_view_switchers_name (adw_dialog_get_child (ADW_DIALOG (widget)), stack, label);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_VIEW_SWITCHER (child) &&
          (stack == NULL || adw_view_switcher_get_stack (ADW_VIEW_SWITCHER (child)) == stack))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      else
        byline_view_switchers_name (child, stack, label);
    }
}

static GtkAccessibleRole
role_of (GtkWidget *widget)
{
  return gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
}

static void
name_tab_lists (GtkWidget  *widget,
                const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (role_of (child) == GTK_ACCESSIBLE_ROLE_TAB_LIST && label != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      /* The group around a tab gives the focus to the tab: it is no focus stop of its own. */
      if (role_of (child) == GTK_ACCESSIBLE_ROLE_GROUP &&
          gtk_widget_get_first_child (child) != NULL &&
          role_of (gtk_widget_get_first_child (child)) == GTK_ACCESSIBLE_ROLE_TAB)
        gtk_widget_set_focusable (child, FALSE);
      else
        name_tab_lists (child, label);
    }
}

/* Each tab added gets a group of its own. */
static void
tab_bar_pages_changed_cb (GtkWidget *tab_bar)
{
  name_tab_lists (tab_bar, NULL);
}

/**
 * byline_tab_bars_name:
 * @widget: a widget holding tab bars
 * @label: what the tabs are, as "Open Articles"
 *
 * Names the lists of tabs of the tab bars inside @widget on AT-SPI (an AdwTabBar has one for
 * pinned tabs and one for the others), which libadwaita leaves unnamed, and keeps the groups
 * around their tabs, now and as tabs are added, from saying they take the focus.
 */
void
byline_tab_bars_name (GtkWidget  *widget,
                      const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (label != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_TAB_BAR (child))
        {
          AdwTabView *view = adw_tab_bar_get_view (ADW_TAB_BAR (child));

          name_tab_lists (child, label);
          if (view != NULL)
            {
              g_signal_connect_object (view, "page-attached", G_CALLBACK (tab_bar_pages_changed_cb),
                                       child, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
              g_signal_connect_object (view, "notify::n-pinned-pages",
                                       G_CALLBACK (tab_bar_pages_changed_cb),
                                       child, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
            }
        }
      else
        byline_tab_bars_name (child, label);
    }
}
