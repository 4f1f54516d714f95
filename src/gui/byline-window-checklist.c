/* byline-window-checklist.c
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
 * The review checklist in the window: the side panel's Checklist page (F7 shows it), and going
 * to an item's place, from there or from the publish dialog: a line and column of the editor,
 * a field of the details, or another open article. Also the Publications dialog, from the
 * main menu and Preferences.
 */

#define G_LOG_DOMAIN "byline-window"

#include "config.h"

#include "byline-checklist-view.h"
#include "byline-page.h"
#include "byline-publication-dialog.h"
#include "byline-window-private.h"

/* Selects @document's tab, in whichever window shows it. */
static gboolean
select_document (BylineDocument *document)
{
  GApplication *app = g_application_get_default ();
  GList *windows = GTK_IS_APPLICATION (app) ? gtk_application_get_windows (GTK_APPLICATION (app))
                                            : NULL;

  for (GList *l = windows; l != NULL; l = l->next)
    {
      g_autoptr(GPtrArray) documents = NULL;
      guint index;

      if (!BYLINE_IS_WINDOW (l->data))
        continue;
      documents = byline_window_dup_documents (l->data);
      if (!g_ptr_array_find (documents, document, &index))
        continue;

      adw_tab_view_set_selected_page (_byline_window_get_tab_view (l->data),
                                      adw_tab_view_get_nth_page (
                                        _byline_window_get_tab_view (l->data), index));
      gtk_window_present (GTK_WINDOW (l->data));
      return TRUE;
    }

  return FALSE;
}

static void
go_to_line (BylineWindow *self,
            guint         line,
            guint         column)
{
  BylinePage *page = byline_window_get_page (self);
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  if (page == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (page), "page.go-to-line", "i", (int)line);
  if (column <= 1)
    return;

  /* The column counts characters, as the text view's line offsets do. */
  buffer = GTK_TEXT_BUFFER (byline_page_get_document (page));
  gtk_text_buffer_get_iter_at_line (buffer, &iter, line - 1);
  if (!gtk_text_iter_ends_line (&iter))
    {
      guint chars = gtk_text_iter_get_chars_in_line (&iter);

      gtk_text_iter_set_line_offset (&iter, MIN (column - 1, chars > 0 ? chars - 1 : 0));
    }
  gtk_text_buffer_place_cursor (buffer, &iter);
}

/**
 * _byline_window_go_to_check_item:
 * @self: a window
 * @item: a checklist item
 * @other: (nullable): the other open article @item names
 *
 * Shows where @item is: the other article's tab, the line and column in the editor, or the
 * field in the details.
 */
void
_byline_window_go_to_check_item (BylineWindow          *self,
                                 const BylineCheckItem *item,
                                 BylineDocument        *other)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));
  g_return_if_fail (item != NULL);

  if (other != NULL)
    select_document (other);
  else if (item->line > 0)
    go_to_line (self, item->line, item->column);
  else if (item->field != NULL)
    _byline_window_focus_field (self, item->field);
}

static void
checklist_item_activated_cb (BylineWindow          *self,
                             const BylineCheckItem *item,
                             BylineDocument        *other,
                             BylineChecklistView   *view)
{
  _byline_window_go_to_check_item (self, item, other);
}

static void
checklist_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  if (byline_window_get_page (self) == NULL)
    return;

  _byline_window_show_side_page (self, "checklist");
}

static void
publications_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  /* The account the writer last published with here, or the keyring's. */
  BylineAccount *account = _byline_window_get_account (BYLINE_WINDOW (widget));

  adw_dialog_present (byline_publication_dialog_new (account), widget);
}

void
_byline_window_checklist_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (BYLINE_TYPE_CHECKLIST_VIEW);

  gtk_widget_class_bind_template_callback (widget_class, checklist_item_activated_cb);
  gtk_widget_class_install_action (widget_class, "win.checklist", NULL, checklist_action);
  gtk_widget_class_install_action (widget_class, "win.publications", NULL, publications_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F7, 0, "win.checklist", NULL);
}
