/* byline-window-record.c
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

#define G_LOG_DOMAIN "byline-window-record"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-record.h"
#include "byline-validator.h"
#include "byline-window-private.h"

/*
 * The window's record actions: import a site.standard.document record into a new tab, and
 * export the current article as a record, to a file or to the clipboard. Both go through the
 * GTK-free record core, the same code as `byline --import` and `byline --export`.
 */

static void
show_alert (BylineWindow *self,
            const char   *heading,
            const char   *body)
{
  AdwDialog *dialog = adw_alert_dialog_new (heading, body);

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static void
import_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(BylineDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *article = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error) ||
      !(article = byline_record_import (contents, length, &error)))
    {
      show_alert (self, _("Could Not Import the Record"), error->message);
      return;
    }

  /* The imported article is new: it has no file until the writer saves it. */
  document = byline_document_new ();
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (document), article, -1);
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (document), TRUE);
  byline_window_add_document (self, document);
  _byline_window_show_toast (self, _("Record imported as a new article"));
}

/**
 * _byline_window_import_record:
 *
 * Opens the `site.standard.document` record in @file as a new, unsaved article.
 */
void
_byline_window_import_record (BylineWindow *self,
                              GFile        *file)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, NULL, import_loaded_cb, g_object_ref (self));
}

static GListModel *
record_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) records = gtk_file_filter_new ();

  gtk_file_filter_set_name (records, _("Records (JSON)"));
  gtk_file_filter_add_suffix (records, "json");
  gtk_file_filter_add_mime_type (records, "application/json");
  g_list_store_append (filters, records);

  return G_LIST_MODEL (filters);
}

static void
import_response_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if ((file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, &error)))
    _byline_window_import_record (self, file);
  else if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    show_alert (self, _("Could Not Import the Record"), error->message);
}

static void
import_record_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListModel) filters = record_filters ();

  gtk_file_dialog_set_title (dialog, _("Import a Record"));
  gtk_file_dialog_set_filters (dialog, filters);
  gtk_file_dialog_open (dialog, GTK_WINDOW (widget), NULL, import_response_cb, g_object_ref (widget));
}

/* Fields of the record that have a row in the side panel. */
static gboolean
has_row (const char *field)
{
  return g_strcmp0 (field, "record") != 0 && g_strcmp0 (field, "content") != 0 &&
         g_strcmp0 (field, "body") != 0 && g_strcmp0 (field, "textContent") != 0;
}

/* Lists every problem; selecting one closes the list and focuses its field. */
static void
show_problems (BylineWindow *self,
               GPtrArray    *problems)
{
  AdwDialog *dialog = adw_alert_dialog_new (_("The Article Cannot Be Exported Yet"),
                                            _("Fix these fields first. Select one to go to it."));
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Problems"), -1);

  for (guint i = 0; i < problems->len; i++)
    {
      BylineProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem->message);
      if (has_row (problem->field))
        {
          GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

          gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Go to the field"), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.focus-field");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", problem->field);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        }
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), list);
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static void
focus_after_close_cb (AdwDialog    *dialog,
                      BylineWindow *self)
{
  const char *field = g_object_get_data (G_OBJECT (dialog), "byline-field");

  _byline_window_focus_field (self, field);
}

static void
focus_field_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (self));
  const char *field = g_variant_get_string (param, NULL);

  if (dialog == NULL)
    {
      _byline_window_focus_field (self, field);
      return;
    }

  /* The dialog gives the focus back as it closes: take it once it has. */
  g_object_set_data_full (G_OBJECT (dialog), "byline-field", g_strdup (field), g_free);
  g_signal_connect_object (dialog, "closed", G_CALLBACK (focus_after_close_cb), self, 0);
  adw_dialog_close (dialog);
}

typedef struct
{
  GBytes                  *text;
  GFile                   *base_dir;
  BylineRecordExportFlags  flags;
  GPtrArray               *problems;
  GFile                   *target;
} Export;

static void
export_free (Export *export)
{
  g_clear_pointer (&export->text, g_bytes_unref);
  g_clear_object (&export->base_dir);
  g_clear_pointer (&export->problems, g_ptr_array_unref);
  g_clear_object (&export->target);
  g_free (export);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  GError *error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (export->text, &length);
  char *json;

  json = byline_record_export (data ? data : "", length, export->base_dir, export->flags,
                               &export->problems, NULL, &error);
  if (json == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, json, g_free);
}

/* Exports the current article in a worker: the text is parsed, checked and rendered to plain
 * text, and the cover read and hashed, which takes a while for a long article. */
static void
export_current_async (BylineWindow        *self,
                      GFile               *target,
                      GAsyncReadyCallback  callback)
{
  BylineDocument *document = byline_page_get_document (byline_window_get_page (self));
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, NULL);
  GFile *file = byline_document_get_file (document);
  Export *export = g_new0 (Export, 1);

  export->text = byline_document_dup_text (document);
  export->base_dir = file != NULL ? g_file_get_parent (file) : NULL;
  export->flags = g_settings_get_boolean (settings, "include-content")
                    ? BYLINE_RECORD_EXPORT_DEFAULT
                    : BYLINE_RECORD_EXPORT_OMIT_CONTENT;
  export->target = target != NULL ? g_object_ref (target) : NULL;

  g_task_set_source_tag (task, export_current_async);
  g_task_set_task_data (task, export, (GDestroyNotify)export_free);
  g_task_run_in_thread (task, export_thread);
}

/* The record, or %NULL after explaining every problem that stops it. */
static char *
export_current_finish (BylineWindow  *self,
                       GAsyncResult  *result,
                       GFile        **target)
{
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  char *json = g_task_propagate_pointer (G_TASK (result), &error);

  if (target != NULL)
    *target = export->target ? g_object_ref (export->target) : NULL;

  if (json == NULL && export->problems != NULL && export->problems->len > 0)
    show_problems (self, export->problems);
  else if (json == NULL)
    show_alert (self, _("The Article Cannot Be Exported Yet"), error ? error->message : "");

  return json;
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    show_alert (self, _("Could Not Export the Record"), error->message);
  else
    _byline_window_show_toast (self, _("Record exported"));
}

static void
export_to_file_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BylineWindow *self = BYLINE_WINDOW (object);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *json;

  if (!(json = export_current_finish (self, result, &file)))
    return;

  bytes = g_bytes_new_take (json, strlen (json));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                      G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                      export_written_cb, g_object_ref (self));
}

static void
export_response_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if (!(file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error)))
    {
      if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
        show_alert (self, _("Could Not Export the Record"), error->message);
      return;
    }

  /* Exported from the text as it is when the writer confirms the name. */
  export_current_async (self, file, export_to_file_cb);
}

/* Checked first: nobody should pick a file name for an export that cannot happen. */
static void
export_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BylineWindow *self = BYLINE_WINDOW (object);
  BylineDocument *document = byline_page_get_document (byline_window_get_page (self));
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autoptr(GListModel) filters = NULL;
  g_autofree char *check = export_current_finish (self, result, NULL);
  g_autofree char *slug = NULL;
  g_autofree char *name = NULL;
  GFile *file = byline_document_get_file (document);

  if (check == NULL)
    return;

  slug = byline_record_slugify (byline_metadata_get_title (byline_document_get_metadata (document)));
  name = g_strdup_printf ("%s.record.json", slug ? slug + 1 : "article");
  dialog = gtk_file_dialog_new ();
  filters = record_filters ();
  gtk_file_dialog_set_title (dialog, _("Export the Record"));
  gtk_file_dialog_set_filters (dialog, filters);
  gtk_file_dialog_set_initial_name (dialog, name);
  if (file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      gtk_file_dialog_set_initial_folder (dialog, folder);
    }

  gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, export_response_cb, g_object_ref (self));
}

static void
export_record_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  export_current_async (BYLINE_WINDOW (widget), NULL, export_checked_cb);
}

static void
copied_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  BylineWindow *self = BYLINE_WINDOW (object);
  g_autofree char *json = export_current_finish (self, result, NULL);

  if (json == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), json);
  _byline_window_show_toast (self, _("Record copied to the clipboard"));
}

static void
copy_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  export_current_async (BYLINE_WINDOW (widget), NULL, copied_cb);
}

void
_byline_window_record_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-record", NULL, import_record_action);
  gtk_widget_class_install_action (widget_class, "win.export-record", NULL, export_record_action);
  gtk_widget_class_install_action (widget_class, "win.copy-record", NULL, copy_record_action);
  gtk_widget_class_install_action (widget_class, "win.focus-field", "s", focus_field_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-record", NULL);
}
