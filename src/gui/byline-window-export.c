/* byline-window-export.c
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

#include "byline-html-export.h"
#include "byline-pdf-export.h"
#include "byline-publication-themes.h"
#include "byline-review.h"
#include "byline-window-private.h"

/*
 * The window's export actions: the current article as a standalone web page or as a PDF,
 * rendered in a worker thread from the text as it was when the writer chose to export. An
 * article with suggestions or comments left is exported only when the writer asks for them to
 * show as tracked changes. A local image the page cannot carry (missing, unreadable, or out
 * of the sandbox's sight) is named with the reason once the page is written.
 */

typedef struct
{
  BylineWindow *window;
  GBytes       *text;
  GFile        *base_dir;
  GFile        *file;
  gboolean      pdf;
  gboolean      with_suggestions;
  char         *theme;
  /* Why each local image the page links to could not be put into it. */
  GPtrArray    *unembedded;
  JsonObject   *basic_theme;  /* the publication's colours, a copy for the thread */
} ExportState;

static void
export_state_free (ExportState *state)
{
  g_clear_object (&state->window);
  g_clear_pointer (&state->text, g_bytes_unref);
  g_clear_object (&state->base_dir);
  g_clear_object (&state->file);
  g_free (state->theme);
  g_clear_pointer (&state->unembedded, g_ptr_array_unref);
  g_clear_pointer (&state->basic_theme, json_object_unref);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportState, export_state_free)

static void
export_done (ExportState  *state,
             const GError *error)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _byline_window_show_error (state->window, _("Could Not Export the Article"), error);
      return;
    }

  name = g_file_get_basename (state->file);

  if (state->unembedded != NULL && state->unembedded->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      AdwDialog *dialog;
      GtkWidget *label;

      for (guint i = 0; i < state->unembedded->len; i++)
        g_string_append_printf (list, "%s• %s", i > 0 ? "\n" : "",
                                (const char *) g_ptr_array_index (state->unembedded, i));

      /* Translators: %s is a file name */
      message = g_strdup_printf (_("“%s” was written, but it links to images it could not "
                                   "include, which its readers will not see:"), name);
      dialog = adw_alert_dialog_new (_("Images Left Out"), message);
      /* A path is one long word: the list may break it anywhere. */
      label = gtk_label_new (list->str);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), label);
      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
      adw_dialog_present (dialog, GTK_WIDGET (state->window));
      return;
    }

  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Exported “%s”"), name);
  _byline_window_show_toast (state->window, message);
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ExportState) state = user_data;
  g_autoptr(GError) error = NULL;


  if (state->pdf)
    byline_pdf_export_finish (result, &error);
  else
    g_file_replace_contents_finish (G_FILE (object), result, NULL, &error);

  export_done (state, error);
}

/* The standalone page: the article rendered, its style sheet and images inlined. */
static void
html_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ExportState *state = task_data;
  GError *error = NULL;
  char *html = byline_html_export_text_themed (g_bytes_get_data (state->text, NULL),
                                               g_bytes_get_size (state->text), state->base_dir,
                                               state->with_suggestions
                                                 ? BYLINE_HTML_EXPORT_WITH_SUGGESTIONS
                                                 : BYLINE_HTML_EXPORT_DEFAULT,
                                               state->theme, state->basic_theme, &state->unembedded, &error);

  if (html == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, html, g_free);
}

static void
html_made_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ExportState) state = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *html = g_task_propagate_pointer (G_TASK (result), &error);
  ExportState *pending;

  if (html == NULL)
    {
      export_done (state, error);
      return;
    }

  pending = g_steal_pointer (&state);
  if (pending->pdf)
    {
      byline_pdf_export_async (html, NULL, pending->file,
                               _byline_window_get_cancellable (pending->window),
                               export_written_cb, pending);
      return;
    }

  {
    gsize length = strlen (html);

    bytes = g_bytes_new_take (g_steal_pointer (&html), length);
  }
  g_file_replace_contents_bytes_async (pending->file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       _byline_window_get_cancellable (pending->window),
                                       export_written_cb, pending);
}

static void
export_response_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ExportState) state = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  if (!(state->file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error)))
    {
      if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
        export_done (state, error);
      return;
    }

  /* Rendering and inlining images takes a while for a long article: in a worker. */
  task = g_task_new (NULL, _byline_window_get_cancellable (state->window), html_made_cb, state);
  g_task_set_source_tag (task, export_response_cb);
  g_task_set_task_data (task, state, NULL);
  g_task_run_in_thread (task, html_thread);
  state = NULL;
}

static void
page_setup_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  byline_pdf_export_choose_page_setup (GTK_WINDOW (widget));
}

static void
choose_file (ExportState    *state,
             BylineDocument *document)
{
  BylineWindow *self = state->window;
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  GFile *file;

  if ((file = byline_document_get_file (document)) != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);
      char *dot = strrchr (basename, '.');

      if (dot != NULL && dot != basename)
        *dot = '\0';
      stem = g_steal_pointer (&basename);
      state->base_dir = g_file_get_parent (file);
      gtk_file_dialog_set_initial_folder (dialog, state->base_dir);
    }
  else
    {
      stem = g_strdelimit (byline_document_dup_title (document), "/", '-');
    }

  name = g_strconcat (stem, state->pdf ? ".pdf" : ".html", NULL);
  gtk_file_filter_set_name (filter, state->pdf ? _("PDF Documents") : _("Web Pages"));
  gtk_file_filter_add_mime_type (filter, state->pdf ? "application/pdf" : "text/html");
  g_list_store_append (filters, filter);

  gtk_file_dialog_set_title (dialog, state->pdf ? _("Export as PDF") : _("Export as HTML"));
  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_save (dialog, GTK_WINDOW (self), _byline_window_get_cancellable (self),
                        export_response_cb, state);
}

typedef struct
{
  ExportState    *state;
  BylineDocument *document;
} Question;

static void
suggestions_response_cb (AdwAlertDialog *dialog,
                         const char     *response,
                         gpointer        user_data)
{
  Question *question = user_data;
  g_autoptr(BylineDocument) document = g_steal_pointer (&question->document);
  g_autoptr(ExportState) state = g_steal_pointer (&question->state);

  /* One answer (closing the dialog after it answers again, with the close response). */
  g_signal_handlers_disconnect_by_func (dialog, suggestions_response_cb, question);
  g_free (question);

  if (!g_str_equal (response, "with-suggestions"))
    return;

  state->with_suggestions = TRUE;
  choose_file (g_steal_pointer (&state), document);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  BylinePage *page = byline_window_get_page (self);
  BylineDocument *document;
  ExportState *state;
  AdwDialog *dialog;
  Question *question;

  if (page == NULL)
    return;

  /* The export is of the text as it is now, even if the writer keeps typing. */
  document = byline_page_get_document (page);
  state = g_new0 (ExportState, 1);
  state->window = g_object_ref (self);
  state->pdf = g_str_equal (action_name, "win.export-pdf");
  state->text = byline_document_dup_text (document);
  /* The page looks as the preview does. */
  {
    g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

    BylineMetadata *metadata = byline_document_get_metadata (document);
    JsonObject *colors = byline_publication_themes_lookup (byline_publication_themes_get_default (),
                                                           byline_metadata_get_site (metadata));

    state->theme = g_settings_get_string (settings, "preview-theme");
    if (colors != NULL)
      {
        g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), colors);
        g_autofree char *json = json_to_string (node, FALSE);
        g_autoptr(JsonNode) copy = json_from_string (json, NULL);

        state->basic_theme = json_node_dup_object (copy);
      }
  }

  if (byline_review_check (g_bytes_get_data (state->text, NULL), g_bytes_get_size (state->text),
                           &error))
    {
      choose_file (state, document);
      return;
    }

  /* Suggestions and comments left: the page shows them as tracked changes, or nothing is
   * exported. */
  dialog = adw_alert_dialog_new (_("Suggestions and Comments Left"), error->message);
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "cancel", _("_Cancel"),
                                  "with-suggestions", _("Export _with Suggestions"),
                                  NULL);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "cancel");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  question = g_new0 (Question, 1);
  question->state = state;
  question->document = g_object_ref (document);
  g_signal_connect (dialog, "response", G_CALLBACK (suggestions_response_cb), question);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

void
_byline_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-html", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.page-setup", NULL, page_setup_action);
}
