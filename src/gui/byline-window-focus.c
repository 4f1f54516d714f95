/* byline-window-focus.c
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
 * The window's main regions for the keyboard, as in GNOME's applications: F6 and Shift+F6 go
 * round the header bar, the editor, the preview and the side panel (those shown). The preview
 * hands the focus on through the same actions when Tab leaves its last link, Shift+Tab its
 * first, or Escape is pressed, so that the web view never keeps the focus. In the editor, where
 * Tab indents, Ctrl+Tab and Ctrl+Shift+Tab move to the next and previous control.
 */

#define G_LOG_DOMAIN "byline-window"

#include "config.h"

#include "byline-page.h"
#include "byline-window-private.h"

typedef enum
{
  REGION_HEADER,
  REGION_EDITOR,
  REGION_PREVIEW,
  REGION_PANEL,
  N_REGIONS
} Region;

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The widget of a region, if it is shown. */
static GtkWidget *
region_widget (BylineWindow *self,
               Region        region)
{
  BylinePage *page = byline_window_get_page (self);
  GtkWidget *split_view;
  GtkWidget *widget = NULL;

  if (page == NULL)
    return NULL;

  split_view = gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_OVERLAY_SPLIT_VIEW);

  switch (region)
    {
    case REGION_HEADER:
      if (split_view != NULL)
        widget = find_descendant (adw_overlay_split_view_get_content (ADW_OVERLAY_SPLIT_VIEW (split_view)),
                                  ADW_TYPE_HEADER_BAR);
      break;
    case REGION_EDITOR:
      widget = GTK_WIDGET (byline_page_get_view (page));
      break;
    case REGION_PREVIEW:
      widget = GTK_WIDGET (byline_page_get_preview (page));
      break;
    case REGION_PANEL:
      if (split_view != NULL &&
          adw_overlay_split_view_get_show_sidebar (ADW_OVERLAY_SPLIT_VIEW (split_view)))
        widget = adw_overlay_split_view_get_sidebar (ADW_OVERLAY_SPLIT_VIEW (split_view));
      break;
    case N_REGIONS:
    default:
      g_assert_not_reached ();
    }

  if (widget == NULL || !gtk_widget_is_drawable (widget))
    return NULL;

  return widget;
}

static gboolean
focus_region (BylineWindow *self,
              Region        region)
{
  GtkWidget *widget = region_widget (self, region);

  if (widget == NULL)
    return FALSE;

  if (region == REGION_EDITOR)
    return gtk_widget_grab_focus (widget);

  /* The first control of the region, as Tab would reach it. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  return gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);
}

static int
current_region (BylineWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL)
    return -1;

  for (Region region = 0; region < N_REGIONS; region++)
    {
      GtkWidget *widget = region_widget (self, region);

      if (widget != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
        return region;
    }

  return -1;
}

static void
cycle (BylineWindow *self,
       int           step)
{
  int start;

  /* A dialog keeps the focus until it closes. */
  if (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (self)) != NULL)
    return;

  start = current_region (self);
  if (start < 0)
    start = step > 0 ? N_REGIONS - 1 : 0;

  for (int i = 1; i <= N_REGIONS; i++)
    {
      Region region = (start + step * i + N_REGIONS * 2) % N_REGIONS;

      if (region != (Region)start && focus_region (self, region))
        {
          g_debug ("F6 from region %d to %d (%s)", start, region,
                   G_OBJECT_TYPE_NAME (gtk_root_get_focus (GTK_ROOT (self))));
          return;
        }
    }
}

/* In the editor, Tab indents and Ctrl+Tab leaves it, as in every GTK text view; but with two
 * articles open the tab view took Ctrl+Tab first to switch articles, and a keyboard user
 * could leave the editor only by F6. Elsewhere Ctrl+Tab still switches articles. */
static gboolean
leave_editor_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  GtkWidget *editor = region_widget (self, REGION_EDITOR);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (editor == NULL || focus == NULL || (focus != editor && !gtk_widget_is_ancestor (focus, editor)))
    return FALSE;

  g_signal_emit_by_name (self, "move-focus", GPOINTER_TO_INT (user_data));

  return TRUE;
}

static void
focus_next_region_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  cycle (BYLINE_WINDOW (widget), 1);
}

static void
focus_previous_region_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  cycle (BYLINE_WINDOW (widget), -1);
}

void
_byline_window_focus_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.focus-next-region", NULL,
                                   focus_next_region_action);
  gtk_widget_class_install_action (widget_class, "win.focus-previous-region", NULL,
                                   focus_previous_region_action);
}

/* F6 (and F7) in the capture phase: a paned (the editor and preview's split) would take it first to
 * cycle its own two children, and the web view would keep it. */
void
_byline_window_focus_init (BylineWindow *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_LOCAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F6, 0),
                                                          gtk_named_action_new ("win.focus-next-region")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F6, GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.focus-previous-region")));
  /* F7 (the checklist) too: GtkTextView binds it to toggle-cursor-visible, so the editor kept
   * it and the window's binding never saw it. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F7, 0),
                                                          gtk_named_action_new ("win.checklist")));
  for (guint i = 0; i < 2; i++)
    {
      GdkModifierType mods = GDK_CONTROL_MASK | (i == 0 ? 0 : GDK_SHIFT_MASK);
      GtkDirectionType direction = i == 0 ? GTK_DIR_TAB_FORWARD : GTK_DIR_TAB_BACKWARD;

      gtk_shortcut_controller_add_shortcut (
        GTK_SHORTCUT_CONTROLLER (shortcuts),
        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Tab, mods),
                                                       gtk_keyval_trigger_new (GDK_KEY_ISO_Left_Tab, mods)),
                          gtk_callback_action_new (leave_editor_cb, GINT_TO_POINTER (direction), NULL)));
    }
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}
