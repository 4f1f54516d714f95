/* byline-menu-names.c
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
 * GTK (4.18) exports the items of a menu built from a menu model (its private GtkModelButton)
 * on AT-SPI without a name: each item is "labelled by" the label inside it, whose name GTK
 * computes empty, and that relation takes precedence over everything else. Until GTK names
 * them, each item's relation is dropped and its text, without the mnemonic underscore, set as
 * its label whenever the menu is shown, so that items added since (recent files) are named too.
 */

#define G_LOG_DOMAIN "byline-menu-names"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-menu-names.h"

/**
 * byline_strip_mnemonic:
 * @text: a label with a mnemonic underscore
 *
 * Returns: (transfer full): @text as read, without its mnemonic underscore
 */
char *
byline_strip_mnemonic (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            p++;
          else
            continue;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
name_items (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (G_OBJECT_TYPE_NAME (child), "GtkModelButton") == 0)
        {
          g_autofree char *text = NULL;

          /* A menu model's labels always carry their mnemonics. */
          g_object_get (child, "text", &text, NULL);
          if (text != NULL && *text != '\0')
            {
              g_autofree char *label = byline_strip_mnemonic (text);

              /* The item is labelled by its inner label, whose name GTK computes empty, and a
               * labelling relation wins over a label: drop it. */
              gtk_accessible_reset_relation (GTK_ACCESSIBLE (child),
                                             GTK_ACCESSIBLE_RELATION_LABELLED_BY);

              gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                              -1);
            }
        }
      name_items (child);
    }
}

/**
 * byline_menu_names_follow:
 * @popover: a #GtkPopoverMenu
 *
 * Names @popover's items on AT-SPI by their labels each time it is shown.
 */
void
byline_menu_names_follow (GtkPopover *popover)
{
  g_return_if_fail (GTK_IS_POPOVER (popover));

  g_signal_connect (popover, "map", G_CALLBACK (name_items), NULL);
  name_items (GTK_WIDGET (popover));
}

/* "<Control>Page_Down <Control>Page_Up" as "Ctrl+Page Down / Ctrl+Page Up". */
static char *
accelerator_words (const char *accelerator)
{
  g_auto(GStrv) accels = g_strsplit (accelerator, " ", -1);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; accels[i] != NULL; i++)
    {
      guint key = 0;
      GdkModifierType mods = 0;

      if (accels[i][0] == '\0')
        continue;
      if (gtk_accelerator_parse (accels[i], &key, &mods))
        g_ptr_array_add (labels, gtk_accelerator_get_label (key, mods));
      else
        g_ptr_array_add (labels, g_strdup (accels[i]));
    }
  g_ptr_array_add (labels, NULL);

  return g_strjoinv (" / ", (char **) labels->pdata);
}

/* GTK (4.18) writes a key without a label of its own by its key name, "Page_Down", and so
 * does AT-SPI: such keys are shown and named by their words instead, "Page Down". */
static void
name_shortcut_keys (GtkWidget *widget)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;

      g_object_get (widget, "accelerator", &accelerator, "title", &title, NULL);
      if (accelerator != NULL && strchr (accelerator, '_') != NULL && title != NULL)
        {
          g_autofree char *words = accelerator_words (accelerator);
          g_autofree char *label = g_strdup_printf ("%s %s", words, title);

          gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
        }
    }
  else if (GTK_IS_SHORTCUT_LABEL (widget))
    {
      const char *accelerator = gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (widget));

      if (accelerator != NULL && strchr (accelerator, '_') != NULL)
        {
          g_autofree char *words = accelerator_words (accelerator);

          gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, words, -1);
        }
    }
  else if (GTK_IS_LABEL (widget) && GTK_IS_SHORTCUT_LABEL (gtk_widget_get_parent (widget)))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (strchr (text, '_') != NULL)
        {
          g_autofree char *words = g_strdup (text);

          g_strdelimit (words, "_", ' ');
          gtk_label_set_text (GTK_LABEL (widget), words);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_shortcut_keys (child);
}

static void
name_pages (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_STACK (widget))
        {
          GtkStackPage *page = gtk_stack_get_page (GTK_STACK (widget), child);
          const char *title = gtk_stack_page_get_title (page);

          if (title != NULL && title[0] == '_')
            {
              g_autofree char *label = NULL;

              /* Translators: a page of the keyboard shortcuts window, as "Page 2" */
              label = g_strdup_printf (_("Page %s"), title + 1);
              gtk_accessible_update_property (GTK_ACCESSIBLE (page),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
            }
        }
      else if (GTK_IS_STACK_SWITCHER (child))
        {
          guint n = 0;

          /* Translators: what the list of a keyboard shortcuts section's pages is called by
           * a screen reader */
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Shortcut Pages"), -1);

          /* Its buttons, one a page, in order. */
          for (GtkWidget *button = gtk_widget_get_first_child (child);
               button != NULL;
               button = gtk_widget_get_next_sibling (button))
            {
              g_autofree char *label = NULL;

              /* Translators: a page of the keyboard shortcuts window, as "Page 2" */
              label = g_strdup_printf (_("Page %u"), ++n);
              gtk_accessible_reset_relation (GTK_ACCESSIBLE (button),
                                             GTK_ACCESSIBLE_RELATION_LABELLED_BY);
              gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
            }
        }
      name_pages (child);
    }
}

/**
 * byline_shortcuts_window_name_pages:
 * @window: a #GtkShortcutsWindow
 *
 * GTK names the pages of a long shortcuts section "_1", "_2"…, mnemonic underscore and all,
 * and so does AT-SPI: they are named "Page 1", "Page 2"… instead, each time @window is shown.
 * Keys GTK writes by their key names ("Page_Down") are written and named in words.
 */
void
byline_shortcuts_window_name_pages (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_signal_connect (window, "map", G_CALLBACK (name_pages), NULL);
  g_signal_connect (window, "map", G_CALLBACK (name_shortcut_keys), NULL);
}

static void
toggle_state_flags_changed_cb (GtkWidget     *toggle,
                               GtkStateFlags  previous)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_DISABLED,
                               !gtk_widget_is_sensitive (toggle), -1);
}

/**
 * byline_menu_buttons_follow_sensitivity:
 * @widget: a widget holding menu buttons
 *
 * A menu button that cannot be used (insensitive itself, or inside an insensitive widget)
 * says so on AT-SPI, but GTK (4.18) exports the toggle button inside it, which takes the
 * focus and is what a screen reader reads, as usable: GTK marks a widget disabled only when
 * its own sensitivity changes, not its parent's. The toggle of each menu button in @widget
 * is marked disabled whenever it cannot be used.
 */
void
byline_menu_buttons_follow_sensitivity (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child) && GTK_IS_MENU_BUTTON (widget))
        {
          g_signal_connect (child, "state-flags-changed",
                            G_CALLBACK (toggle_state_flags_changed_cb), NULL);
          toggle_state_flags_changed_cb (child, 0);
        }
      else
        byline_menu_buttons_follow_sensitivity (child);
    }
}
