/* test-accessibility.c
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
 * Every control of the main window can be found and used without seeing it: each button,
 * toggle, menu button, switch, check button and text field has an accessible name (its label,
 * its tooltip, an explicit accessible label or a labelling widget), the role a screen reader
 * expects, and can take keyboard focus. Walks the real window's widget tree with a document
 * open and the side panel shown, so the panel's rows are checked too.
 */

#include "config.h"

#include "byline-application.h"
#include "byline-test-utils.h"
#include "byline-window.h"

static BylineApplication *app;

static gboolean
preview_updated (gpointer data)
{
  return byline_preview_get_n_updates (byline_page_get_preview (byline_window_get_page (data))) > 0;
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* A label inside the control names it, as for a button with text. */
static gboolean
has_label_content (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
          has_text (gtk_label_get_text (GTK_LABEL (child))))
        return TRUE;
      if (has_label_content (child))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (has_text (gtk_widget_get_tooltip_text (widget)))
    return TRUE;

  if (GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget))
    return has_label_content (widget);

  return FALSE;
}

typedef struct
{
  GType             type;
  GtkAccessibleRole roles[2];
} Expected;

static gboolean
is_control (GtkWidget         *widget,
            GtkAccessibleRole *roles)
{
  /* Most specific first: a toggle button is a button too. */
  const Expected expected[] = {
    { GTK_TYPE_TOGGLE_BUTTON, { GTK_ACCESSIBLE_ROLE_TOGGLE_BUTTON, GTK_ACCESSIBLE_ROLE_TOGGLE_BUTTON } },
    { GTK_TYPE_BUTTON, { GTK_ACCESSIBLE_ROLE_BUTTON, GTK_ACCESSIBLE_ROLE_LINK } },
    { GTK_TYPE_MENU_BUTTON, { GTK_ACCESSIBLE_ROLE_BUTTON, GTK_ACCESSIBLE_ROLE_BUTTON } },
    { GTK_TYPE_CHECK_BUTTON, { GTK_ACCESSIBLE_ROLE_CHECKBOX, GTK_ACCESSIBLE_ROLE_RADIO } },
    { GTK_TYPE_SWITCH, { GTK_ACCESSIBLE_ROLE_SWITCH, GTK_ACCESSIBLE_ROLE_SWITCH } },
    { GTK_TYPE_ENTRY, { GTK_ACCESSIBLE_ROLE_TEXT_BOX, GTK_ACCESSIBLE_ROLE_TEXT_BOX } },
    { GTK_TYPE_SEARCH_ENTRY, { GTK_ACCESSIBLE_ROLE_SEARCH_BOX, GTK_ACCESSIBLE_ROLE_SEARCH_BOX } },
    { GTK_TYPE_TEXT, { GTK_ACCESSIBLE_ROLE_TEXT_BOX, GTK_ACCESSIBLE_ROLE_TEXT_BOX } },
    { GTK_TYPE_TEXT_VIEW, { GTK_ACCESSIBLE_ROLE_TEXT_BOX, GTK_ACCESSIBLE_ROLE_TEXT_BOX } },
    { GTK_TYPE_DROP_DOWN, { GTK_ACCESSIBLE_ROLE_COMBO_BOX, GTK_ACCESSIBLE_ROLE_COMBO_BOX } },
  };

  /* A view switcher's buttons are the tabs of a tab list. */
  if (GTK_IS_TOGGLE_BUTTON (widget) && ADW_IS_VIEW_SWITCHER (gtk_widget_get_parent (widget)))
    {
      roles[0] = roles[1] = GTK_ACCESSIBLE_ROLE_TAB;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (widget, expected[i].type))
        {
          roles[0] = expected[i].roles[0];
          roles[1] = expected[i].roles[1];
          return TRUE;
        }
    }

  return FALSE;
}

/* Parts of a composite control are checked as the control: the toggle inside a menu button,
 * the text inside an entry. */
static gboolean
is_part_of_named_control (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (parent == NULL)
    return FALSE;

  if (GTK_IS_BUTTON (widget) && GTK_IS_MENU_BUTTON (parent))
    return TRUE;

  if (GTK_IS_TEXT (widget) && (GTK_IS_ENTRY (parent) || GTK_IS_SPIN_BUTTON (parent) ||
                               GTK_IS_SEARCH_ENTRY (parent) || GTK_IS_PASSWORD_ENTRY (parent)))
    return TRUE;

  return FALSE;
}

/* The text of an entry row is named by the row's title. */
static GtkWidget *
named_control (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (GTK_IS_TEXT (widget) && parent != NULL && !GTK_IS_ENTRY (parent) &&
      gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) != NULL)
    return gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW);

  return widget;
}

static void
describe (GString   *problems,
          GtkWidget *widget,
          const char *problem)
{
  const char *css_classes = "";
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
  g_autofree char *joined = g_strjoinv (".", classes);
  GtkWidget *ancestor = gtk_widget_get_parent (widget);

  if (classes != NULL && classes[0] != NULL)
    css_classes = joined;

  g_string_append_printf (problems, "  %s.%s (in %s, buildable id %s): %s\n",
                          G_OBJECT_TYPE_NAME (widget), css_classes,
                          ancestor ? G_OBJECT_TYPE_NAME (ancestor) : "-",
                          GTK_IS_BUILDABLE (widget) && gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget))
                            ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) : "-",
                          problem);
}

/* An entry takes focus through the text inside it. */
static gboolean
takes_focus (GtkWidget *widget)
{
  if (gtk_widget_get_focusable (widget))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (takes_focus (child))
        return TRUE;
    }

  return FALSE;
}

/* GTK and libadwaita keep the window buttons and the tab close buttons out of the focus chain
 * on purpose; the keyboard has them as shortcuts (Ctrl+W closes the article, Ctrl+Q quits,
 * Super+Up maximizes). */
static gboolean
has_keyboard_equivalent (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return GTK_IS_WINDOW_CONTROLS (parent) ||
         (parent != NULL && g_str_equal (G_OBJECT_TYPE_NAME (parent), "AdwTab") &&
          gtk_widget_has_css_class (widget, "tab-close-button"));
}

static void
check_tree (GtkWidget *widget,
            GString   *problems,
            guint     *n_checked)
{
  GtkAccessibleRole roles[2];

  if (!gtk_widget_get_visible (widget))
    return;

  /* The web view is named as a whole ("Preview"); what is inside it is WebKit's. */
  if (WEBKIT_IS_WEB_VIEW (gtk_widget_get_parent (widget)))
    return;

  if (!is_part_of_named_control (widget) && is_control (widget, roles))
    {
      GtkWidget *control = named_control (widget);
      GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

      (*n_checked)++;

      if (!has_accessible_name (control))
        describe (problems, widget, "no accessible name");
      if (role != roles[0] && role != roles[1])
        describe (problems, widget, "unexpected accessible role");
      if ((!takes_focus (widget) || !gtk_widget_get_can_focus (widget)) &&
          !has_keyboard_equivalent (widget))
        describe (problems, widget, "cannot take keyboard focus");
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_tree (child, problems, n_checked);
}

static void
test_controls_have_names_and_roles (void)
{
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));
  g_autoptr(GString) problems = g_string_new (NULL);
  BylinePage *page;
  guint n_checked = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  page = byline_window_get_page (window);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (byline_page_get_document (page)),
                            "---\ntitle: Accessible\ntags:\n  - one\n---\n\nBody text.\n", -1);
  /* Show the side panel, whatever the setting says, so its rows are checked too. */
  g_action_group_change_action_state (G_ACTION_GROUP (window), "toggle-side-panel",
                                      g_variant_new_boolean (TRUE));
  byline_test_wait_until (preview_updated, window, "the preview to render");

  check_tree (GTK_WIDGET (window), problems, &n_checked);

  g_test_message ("Checked %u controls", n_checked);
  /* The header bar and the side panel alone hold more than this. */
  g_assert_cmpuint (n_checked, >=, 10);
  if (problems->len > 0)
    g_error ("Controls a screen reader cannot use:\n%s", problems->str);

  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (byline_page_get_document (page)), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_known_controls (void)
{
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));
  GtkWidget *view = GTK_WIDGET (byline_page_get_view (byline_window_get_page (window)));
  GtkWidget *web_view = GTK_WIDGET (byline_preview_get_web_view (
    byline_page_get_preview (byline_window_get_page (window))));

  gtk_window_present (GTK_WINDOW (window));

  /* The editor and the preview are the two things a writer works in. */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (view)), ==,
                   GTK_ACCESSIBLE_ROLE_TEXT_BOX);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (web_view),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_true (has_accessible_name (view));

  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (byline_page_get_document (
    byline_window_get_page (window))), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* "win.layout::editor" and "win.open-recent('uri')" are reached as "win.layout" and
 * "win.open-recent". */
static void
add_reachable (GHashTable *reachable,
               const char *detailed_name)
{
  g_autofree char *name = NULL;
  g_autoptr(GVariant) target = NULL;

  if (detailed_name != NULL && g_action_parse_detailed_name (detailed_name, &name, &target, NULL))
    g_hash_table_add (reachable, g_steal_pointer (&name));
}

static void
add_menu_actions (GHashTable *reachable,
                  GMenuModel *model)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        add_reachable (reachable, action);

      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          add_menu_actions (reachable, link);
          g_object_unref (link);
        }
    }
}

static void
add_widget_actions (GHashTable *reachable,
                    GtkWidget  *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  if (!gtk_widget_get_visible (widget))
    return;

  /* Key bindings: a shortcut controller holds the class's bindings and any added ones. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (action))
            add_reachable (reachable, gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }

  /* A button that takes focus, and the menus of menu buttons (F10 opens the primary one). */
  if (GTK_IS_ACTIONABLE (widget) && gtk_widget_get_focusable (widget))
    add_reachable (reachable, gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)));
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    add_menu_actions (reachable, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    add_widget_actions (reachable, child);
}

static void
check_reachable (GHashTable *reachable,
                 GString    *problems,
                 const char *prefix,
                 const char *name)
{
  g_autofree char *full = g_strconcat (prefix, name, NULL);

  if (!g_hash_table_contains (reachable, full))
    g_string_append_printf (problems, "  %s\n", full);
}

/* Every action of the window and the application has a shortcut, a menu item or a button
 * that takes focus, so keyboard-only use reaches all of them. */
static void
test_every_action_reachable_by_keyboard (void)
{
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));
  g_autoptr(GHashTable) reachable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_auto(GStrv) accelerated = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  g_auto(GStrv) window_actions = NULL;
  g_auto(GStrv) app_actions = NULL;
  const GVariantType *parameter_type;
  const char *property;
  const char *name;
  GType owner;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "toggle-side-panel",
                                      g_variant_new_boolean (TRUE));
  /* New Article leaves the empty state for the editor and the preview. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-document", NULL));
  byline_test_wait_until (preview_updated, window, "the preview to render");

  for (guint i = 0; accelerated[i] != NULL; i++)
    add_reachable (reachable, accelerated[i]);
  add_widget_actions (reachable, GTK_WIDGET (window));
  /* The recent files are items of Open Recent, a submenu of the main menu. */
  if (g_hash_table_contains (reachable, "win.open"))
    g_hash_table_add (reachable, g_strdup ("win.open-recent"));
  /* Going to a field is what the rows of the export's problem list do (test-window activates
   * one); the list exists only while it is shown. */
  if (g_hash_table_contains (reachable, "win.export-record"))
    g_hash_table_add (reachable, g_strdup ("win.focus-field"));

  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (window), i, &owner,
                                                   &name, &parameter_type, &property); i++)
    {
      if (owner == BYLINE_TYPE_WINDOW)
        check_reachable (reachable, problems, "", name);
    }

  window_actions = g_action_group_list_actions (G_ACTION_GROUP (window));
  for (guint i = 0; window_actions[i] != NULL; i++)
    check_reachable (reachable, problems, "win.", window_actions[i]);

  app_actions = g_action_group_list_actions (G_ACTION_GROUP (app));
  for (guint i = 0; app_actions[i] != NULL; i++)
    check_reachable (reachable, problems, "app.", app_actions[i]);

  if (problems->len > 0)
    g_error ("Actions the keyboard cannot reach:\n%s", problems->str);

  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (byline_page_get_document (
    byline_window_get_page (window))), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Help is one key away, as everywhere in GNOME, and in the main menu. */
static void
test_help_on_f1 (void)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "help"));
  g_assert_nonnull (accels);
  g_assert_true (g_strv_contains ((const char * const *) accels, "F1"));
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's in-process accessibility model is what AT-SPI exports; checking it directly keeps the
   * test independent of an accessibility bus that the test session may not keep alive. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  /* With GTK's test accessibility backend WebKit cannot plug its page into AT-SPI and warns
   * about it (through structured logging, which a fatal handler cannot filter); criticals
   * stay fatal. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  app = byline_test_app_start ("io.github.byline.Byline.A11yTests");

  g_test_add_func ("/Byline/Accessibility/controls-have-names-and-roles",
                   test_controls_have_names_and_roles);
  g_test_add_func ("/Byline/Accessibility/editor-and-preview", test_known_controls);
  g_test_add_func ("/Byline/Accessibility/help-on-f1", test_help_on_f1);
  g_test_add_func ("/Byline/Accessibility/every-action-reachable-by-keyboard",
                   test_every_action_reachable_by_keyboard);

  return byline_test_app_run ();
}
