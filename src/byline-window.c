/* byline-window.c
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

#define G_LOG_DOMAIN "byline-window"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-metadata-panel.h"
#include "byline-window.h"

struct _BylineWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwOverlaySplitView  *split_view;
  BylineMetadataPanel  *metadata_panel;
  AdwWindowTitle       *window_title;
  AdwBin               *page_bin;
  AdwToastOverlay      *toasts;

  /* Owned references */
  GSettings            *settings;
  GCancellable         *cancellable;
  GBindingGroup        *document_bindings;

  /* Borrowed references */
  BylinePage           *page;

  guint                 close_confirmed : 1;
};

G_DEFINE_FINAL_TYPE (BylineWindow, byline_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_title (BylineWindow *self)
{
  BylineDocument *document = byline_page_get_document (self->page);
  g_autofree char *title = byline_document_dup_title (document);
  g_autofree char *window_title = NULL;
  g_autofree char *subtitle = NULL;
  GFile *file = byline_document_get_file (document);
  gboolean modified = gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document));

  if (file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);

      if (parent != NULL)
        {
          g_autofree char *path = g_file_get_path (parent);
          const char *home = g_get_home_dir ();

          if (path != NULL && g_str_has_prefix (path, home))
            subtitle = g_strconcat ("~", path + strlen (home), NULL);
          else
            subtitle = g_file_get_parse_name (parent);
        }
    }
  else
    {
      subtitle = g_strdup (_("Draft"));
    }

  window_title = modified ? g_strconcat ("• ", title, NULL) : g_strdup (title);
  adw_window_title_set_title (self->window_title, window_title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
set_document (BylineWindow   *self,
              BylineDocument *document)
{
  BylinePage *page = byline_page_new (document);

  adw_bin_set_child (self->page_bin, GTK_WIDGET (page));
  self->page = page;

  byline_metadata_panel_set_document (self->metadata_panel, document);

  g_signal_connect_object (document, "notify::title",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::file",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "modified-changed",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  update_title (self);

  gtk_widget_grab_focus (GTK_WIDGET (byline_page_get_view (page)));
}

static void
show_error (BylineWindow *self,
            const char   *heading,
            const GError *error)
{
  AdwDialog *dialog = adw_alert_dialog_new (heading, error->message);

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_document_load_finish (BYLINE_DOCUMENT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Could Not Open the Article"), error);
    }
}

/**
 * byline_window_open_file:
 *
 * Opens @file in this window's page when it is empty, else in a new window.
 */
void
byline_window_open_file (BylineWindow *self,
                         GFile        *file)
{
  g_autoptr(BylineDocument) document = NULL;

  g_return_if_fail (BYLINE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!byline_window_is_empty (self))
    {
      BylineWindow *other = byline_window_new (gtk_window_get_application (GTK_WINDOW (self)));

      byline_window_open_file (other, file);
      gtk_window_present (GTK_WINDOW (other));
      return;
    }

  document = byline_document_new ();
  set_document (self, document);
  byline_document_load_async (document, file, self->cancellable, load_cb, g_object_ref (self));
}

/**
 * byline_window_is_empty:
 *
 * Whether the window shows an unnamed, unmodified, empty document, which opening a file
 * may replace.
 */
gboolean
byline_window_is_empty (BylineWindow *self)
{
  BylineDocument *document;

  g_return_val_if_fail (BYLINE_IS_WINDOW (self), FALSE);

  document = byline_page_get_document (self->page);

  return byline_document_get_file (document) == NULL &&
         !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)) &&
         gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (document)) == 0;
}

static GtkFileFilter *
markdown_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Markdown Articles"));
  gtk_file_filter_add_mime_type (filter, "text/markdown");
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_filter_add_suffix (filter, "markdown");

  return filter;
}

static GListModel *
markdown_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) markdown = markdown_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  g_list_store_append (filters, markdown);
  g_list_store_append (filters, all);

  return G_LIST_MODEL (filters);
}

static void
open_response_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, &error);
  if (file != NULL)
    byline_window_open_file (self, file);
  else if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    show_error (self, _("Could Not Open the Article"), error);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListModel) filters = markdown_filters ();

  gtk_file_dialog_set_title (dialog, _("Open Article"));
  gtk_file_dialog_set_filters (dialog, filters);
  gtk_file_dialog_open (dialog, GTK_WINDOW (self), self->cancellable,
                        open_response_cb, g_object_ref (self));
}

typedef struct
{
  BylineWindow *window;
  gboolean      close_after;
} SaveState;

static void
save_state_free (SaveState *state)
{
  g_clear_object (&state->window);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveState, save_state_free)

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SaveState) state = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_document_save_finish (BYLINE_DOCUMENT (object), result, &error))
    {
      show_error (state->window, _("Could Not Save the Article"), error);
      return;
    }

  if (state->close_after)
    {
      state->window->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (state->window));
      return;
    }

  adw_toast_overlay_add_toast (state->window->toasts, adw_toast_new (_("Article saved")));
}

static void
save_to (BylineWindow *self,
         GFile        *file,
         gboolean      close_after)
{
  SaveState *state = g_new0 (SaveState, 1);

  state->window = g_object_ref (self);
  state->close_after = close_after;
  byline_document_save_async (byline_page_get_document (self->page), file, NULL, save_cb, state);
}

static void
save_as_response_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SaveState) state = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);
  if (file != NULL)
    save_to (state->window, file, state->close_after);
  else if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    show_error (state->window, _("Could Not Save the Article"), error);
}

static void
save_as (BylineWindow *self,
         gboolean      close_after)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListModel) filters = markdown_filters ();
  BylineDocument *document = byline_page_get_document (self->page);
  GFile *file = byline_document_get_file (document);
  SaveState *state = g_new0 (SaveState, 1);

  state->window = g_object_ref (self);
  state->close_after = close_after;

  gtk_file_dialog_set_title (dialog, _("Save Article"));
  gtk_file_dialog_set_filters (dialog, filters);
  if (file != NULL)
    gtk_file_dialog_set_initial_file (dialog, file);
  else
    gtk_file_dialog_set_initial_name (dialog, _("article.md"));

  gtk_file_dialog_save (dialog, GTK_WINDOW (self), self->cancellable,
                        save_as_response_cb, state);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  if (byline_document_get_file (byline_page_get_document (self->page)) == NULL)
    save_as (self, FALSE);
  else
    save_to (self, NULL, FALSE);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  save_as (BYLINE_WINDOW (widget), FALSE);
}

static void
close_response_cb (BylineWindow   *self,
                   const char     *response,
                   AdwAlertDialog *dialog)
{
  if (g_str_equal (response, "discard"))
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    {
      if (byline_document_get_file (byline_page_get_document (self->page)) == NULL)
        save_as (self, TRUE);
      else
        save_to (self, NULL, TRUE);
    }
}

static gboolean
byline_window_close_request (GtkWindow *window)
{
  BylineWindow *self = BYLINE_WINDOW (window);
  BylineDocument *document = byline_page_get_document (self->page);
  g_autofree char *title = NULL;
  AdwDialog *dialog;

  if (self->close_confirmed || !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)))
    {
      g_cancellable_cancel (self->cancellable);
      return GTK_WINDOW_CLASS (byline_window_parent_class)->close_request (window);
    }

  title = byline_document_dup_title (document);
  dialog = adw_alert_dialog_new (_("Save Changes?"), NULL);
  adw_alert_dialog_format_body (ADW_ALERT_DIALOG (dialog),
                                _("“%s” has unsaved changes. Changes which are not saved will be permanently lost."),
                                title);
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "cancel", _("_Cancel"),
                                  "discard", _("_Discard"),
                                  "save", _("_Save"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "discard",
                                            ADW_RESPONSE_DESTRUCTIVE);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "save",
                                            ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "save");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self,
                           G_CONNECT_SWAPPED);
  adw_dialog_present (dialog, GTK_WIDGET (self));

  return TRUE;
}

static void
byline_window_constructed (GObject *object)
{
  BylineWindow *self = BYLINE_WINDOW (object);
  g_autoptr(BylineDocument) document = byline_document_new ();
  g_autoptr(GPropertyAction) toggle = NULL;

  G_OBJECT_CLASS (byline_window_parent_class)->constructed (object);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->settings = g_settings_new (BASE_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-side-panel", self->split_view, "show-sidebar",
                   G_SETTINGS_BIND_DEFAULT);

  toggle = g_property_action_new ("toggle-side-panel", self->split_view, "show-sidebar");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (toggle));

  set_document (self, document);
}

static void
byline_window_dispose (GObject *object)
{
  BylineWindow *self = BYLINE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_WINDOW);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  self->page = NULL;

  G_OBJECT_CLASS (byline_window_parent_class)->dispose (object);
}

static void
byline_window_class_init (BylineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = byline_window_constructed;
  object_class->dispose = byline_window_dispose;
  window_class->close_request = byline_window_close_request;

  g_type_ensure (BYLINE_TYPE_METADATA_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/byline-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, split_view);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, metadata_panel);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, page_bin);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, toasts);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-side-panel", NULL);
}

static void
byline_window_init (BylineWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

BylineWindow *
byline_window_new (GtkApplication *application)
{
  return g_object_new (BYLINE_TYPE_WINDOW, "application", application, NULL);
}

/**
 * byline_window_get_page:
 *
 * Returns: (transfer none): the page of the window's document
 */
BylinePage *
byline_window_get_page (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->page;
}
