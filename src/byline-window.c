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

#include "byline-application.h"
#include "byline-html-export.h"
#include "byline-metadata-panel.h"
#include "byline-outline.h"
#include "byline-pdf-export.h"
#include "byline-publish-bar.h"
#include "byline-publish-dialog.h"
#include "byline-publish-job.h"
#include "byline-window.h"
#include "byline-window-private.h"

struct _BylineWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwOverlaySplitView  *split_view;
  AdwViewStack         *side_stack;
  BylineMetadataPanel  *metadata_panel;
  AdwWindowTitle       *window_title;
  AdwTabView           *tab_view;
  AdwToastOverlay      *toasts;
  BylinePublishBar     *publish_bar;
  GMenu                *recent_section;

  /* Owned references */
  GSettings            *settings;
  GCancellable         *cancellable;
  GSignalGroup         *document_signals;

  /* Borrowed references */
  BylinePage           *page;
};

G_DEFINE_FINAL_TYPE (BylineWindow, byline_window, ADW_TYPE_APPLICATION_WINDOW)

typedef enum
{
  AFTER_SAVE_NOTHING,
  AFTER_SAVE_CLOSE_PAGE,
  AFTER_SAVE_CLOSE_WINDOW,
} AfterSave;

static void save_page (BylineWindow *self, BylinePage *page, GFile *file, AfterSave after);
static void save_page_as (BylineWindow *self, BylinePage *page, AfterSave after);

static BylinePage *
page_for_tab (AdwTabPage *tab)
{
  return BYLINE_PAGE (adw_tab_page_get_child (tab));
}

static AdwTabPage *
tab_for_page (BylineWindow *self,
              BylinePage   *page)
{
  return adw_tab_view_get_page (self->tab_view, GTK_WIDGET (page));
}

static char *
dup_page_title (BylinePage *page)
{
  BylineDocument *document = byline_page_get_document (page);
  g_autofree char *title = byline_document_dup_title (document);

  if (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)))
    return g_strconcat ("• ", title, NULL);

  return g_steal_pointer (&title);
}

static void
update_tab_title (BylinePage *page)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_TAB_VIEW);
  g_autofree char *title = dup_page_title (page);
  AdwTabPage *tab;

  if (view == NULL || !(tab = adw_tab_view_get_page (ADW_TAB_VIEW (view), GTK_WIDGET (page))))
    return;

  adw_tab_page_set_title (tab, title);
}

static void
update_title (BylineWindow *self)
{
  BylineDocument *document;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GFile *file;

  if (self->page == NULL)
    return;

  document = byline_page_get_document (self->page);
  title = dup_page_title (self->page);
  file = byline_document_get_file (document);

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

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
document_title_changed_cb (BylineWindow   *self,
                           GParamSpec     *pspec,
                           BylineDocument *document)
{
  update_title (self);
}

static void
selected_page_changed_cb (BylineWindow *self,
                          GParamSpec   *pspec,
                          AdwTabView   *tab_view)
{
  AdwTabPage *tab = adw_tab_view_get_selected_page (tab_view);
  BylineDocument *document = NULL;

  self->page = tab ? page_for_tab (tab) : NULL;
  if (self->page != NULL)
    document = byline_page_get_document (self->page);

  g_signal_group_set_target (self->document_signals, document);
  byline_metadata_panel_set_document (self->metadata_panel, document);
  byline_publish_bar_set_document (self->publish_bar, document);
  update_title (self);

  if (self->page != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (byline_page_get_view (self->page)));
}

/**
 * byline_window_add_document:
 * @self: a #BylineWindow
 * @document: a document
 *
 * Shows @document in a new tab and selects it.
 *
 * Returns: (transfer none): the new page
 */
BylinePage *
byline_window_add_document (BylineWindow   *self,
                            BylineDocument *document)
{
  BylinePage *page;
  AdwTabPage *tab;

  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (document), NULL);

  page = byline_page_new (document);
  tab = adw_tab_view_append (self->tab_view, GTK_WIDGET (page));

  g_signal_connect_object (document, "notify::title",
                           G_CALLBACK (update_tab_title), page, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "modified-changed",
                           G_CALLBACK (update_tab_title), page, G_CONNECT_SWAPPED);
  update_tab_title (page);

  adw_tab_view_set_selected_page (self->tab_view, tab);

  if (BYLINE_IS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))))
    byline_session_add_document (byline_application_get_session (BYLINE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)))),
                                 document);

  return page;
}

/**
 * byline_window_dup_documents:
 *
 * Returns: (transfer container) (element-type BylineDocument): the documents of the tabs, in order
 */
GPtrArray *
byline_window_dup_documents (BylineWindow *self)
{
  GPtrArray *documents = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_pages;

  g_return_val_if_fail (BYLINE_IS_WINDOW (self), documents);

  n_pages = adw_tab_view_get_n_pages (self->tab_view);
  for (guint i = 0; i < n_pages; i++)
    {
      BylinePage *page = page_for_tab (adw_tab_view_get_nth_page (self->tab_view, i));

      g_ptr_array_add (documents, g_object_ref (byline_page_get_document (page)));
    }

  return documents;
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

void
_byline_window_show_toast (BylineWindow *self,
                           const char   *message)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

/* Shows the side panel with @field's row focused. */
void
_byline_window_focus_field (BylineWindow *self,
                            const char   *field)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));

  adw_overlay_split_view_set_show_sidebar (self->split_view, TRUE);
  adw_view_stack_set_visible_child_name (self->side_stack, "details");
  byline_metadata_panel_focus_field (self->metadata_panel, field);
}

static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

#define MAX_RECENT 10

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  return g_date_time_compare (gtk_recent_info_get_modified ((GtkRecentInfo *)a),
                              gtk_recent_info_get_modified ((GtkRecentInfo *)b));
}

static void
update_recent_menu (BylineWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  guint n = 0;

  items = g_list_sort (items, compare_recent);
  g_menu_remove_all (self->recent_section);

  /* Newest first, articles only. */
  for (GList *iter = g_list_last (items); iter != NULL && n < MAX_RECENT; iter = iter->prev)
    {
      GtkRecentInfo *info = iter->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;

      if (!g_str_has_suffix (uri, ".md") && !g_str_has_suffix (uri, ".markdown"))
        continue;
      if (!gtk_recent_info_exists (info))
        continue;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", uri);
      g_menu_append_item (self->recent_section, item);
      n++;
    }

  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  BylineDocument *document = BYLINE_DOCUMENT (object);
  g_autoptr(GError) error = NULL;

  if (!byline_document_load_finish (document, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Could Not Open the Article"), error);
      return;
    }

  /* Not UTF-8: say how it was read; it is saved back in the same encoding. */
  if (byline_document_get_encoding (document) != NULL &&
      byline_document_get_encoding (document) != gtk_source_encoding_get_utf8 ())
    {
      g_autofree char *name = byline_document_dup_title (document);
      g_autofree char *encoding = gtk_source_encoding_to_string (byline_document_get_encoding (document));
      AdwToast *toast = adw_toast_new_format (_("“%s” is not UTF-8: it was read as %s and will be saved in it"),
                                              name, encoding);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toasts, toast);
    }

  add_recent (byline_document_get_file (document));
}

static gboolean
page_is_empty (BylinePage *page)
{
  BylineDocument *document = byline_page_get_document (page);

  return byline_document_get_file (document) == NULL &&
         !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)) &&
         gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (document)) == 0;
}

/**
 * byline_window_open_file:
 *
 * Opens @file in a tab: the tab that already shows it, the current tab when it is empty, or a
 * new one.
 */
void
byline_window_open_file (BylineWindow *self,
                         GFile        *file)
{
  g_autoptr(BylineDocument) document = NULL;
  guint n_pages;

  g_return_if_fail (BYLINE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* A record (from the desktop or the command line) opens as an import, not as text. */
  {
    g_autofree char *name = g_file_get_basename (file);

    if (name != NULL && g_str_has_suffix (name, ".json"))
      {
        _byline_window_import_record (self, file);
        return;
      }
  }

  n_pages = adw_tab_view_get_n_pages (self->tab_view);
  for (guint i = 0; i < n_pages; i++)
    {
      AdwTabPage *tab = adw_tab_view_get_nth_page (self->tab_view, i);
      GFile *open = byline_document_get_file (byline_page_get_document (page_for_tab (tab)));

      if (open != NULL && g_file_equal (open, file))
        {
          adw_tab_view_set_selected_page (self->tab_view, tab);
          return;
        }
    }

  if (self->page != NULL && page_is_empty (self->page))
    document = g_object_ref (byline_page_get_document (self->page));
  else
    byline_window_add_document (self, (document = byline_document_new ()));

  byline_document_load_async (document, file, self->cancellable, load_cb, g_object_ref (self));
}

/**
 * byline_window_is_empty:
 *
 * Whether the window shows only an unnamed, unmodified, empty document, which opening a file
 * may replace.
 */
gboolean
byline_window_is_empty (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), FALSE);

  return adw_tab_view_get_n_pages (self->tab_view) == 1 && self->page != NULL &&
         page_is_empty (self->page);
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
  g_autoptr(GListModel) files = NULL;

  files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (object), result, &error);
  if (files == NULL)
    {
      if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
        show_error (self, _("Could Not Open the Article"), error);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      byline_window_open_file (self, file);
    }
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListModel) filters = markdown_filters ();

  gtk_file_dialog_set_title (dialog, _("Open Articles"));
  gtk_file_dialog_set_filters (dialog, filters);
  gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (self), self->cancellable,
                                 open_response_cb, g_object_ref (self));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  byline_window_open_file (BYLINE_WINDOW (widget), file);
}

static void
new_document_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  g_autoptr(BylineDocument) document = byline_document_new ();

  byline_window_add_document (BYLINE_WINDOW (widget), document);
}

typedef struct
{
  BylineWindow *window;
  GBytes       *text;
  GFile        *base_dir;
  GFile        *file;
  gboolean      pdf;
} ExportState;

static void
export_state_free (ExportState *state)
{
  g_clear_object (&state->window);
  g_clear_pointer (&state->text, g_bytes_unref);
  g_clear_object (&state->base_dir);
  g_clear_object (&state->file);
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
        show_error (state->window, _("Could Not Export the Article"), error);
      return;
    }

  name = g_file_get_basename (state->file);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Exported “%s”"), name);
  adw_toast_overlay_add_toast (state->window->toasts, adw_toast_new (message));
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
  char *html = byline_html_export_text (g_bytes_get_data (state->text, NULL),
                                        g_bytes_get_size (state->text), state->base_dir, &error);

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
      byline_pdf_export_async (html, NULL, pending->file, pending->window->cancellable,
                               export_written_cb, pending);
      return;
    }

  {
    gsize length = strlen (html);

    bytes = g_bytes_new_take (g_steal_pointer (&html), length);
  }
  g_file_replace_contents_bytes_async (pending->file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       pending->window->cancellable, export_written_cb, pending);
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
  task = g_task_new (NULL, state->window->cancellable, html_made_cb, state);
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
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  BylineDocument *document;
  ExportState *state;
  GFile *file;

  if (self->page == NULL)
    return;

  /* The export is of the text as it is now, even if the writer keeps typing. */
  document = byline_page_get_document (self->page);
  state = g_new0 (ExportState, 1);
  state->window = g_object_ref (self);
  state->pdf = g_str_equal (action_name, "win.export-pdf");
  state->text = byline_document_dup_text (document);

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
  gtk_file_dialog_save (dialog, GTK_WINDOW (self), self->cancellable, export_response_cb, state);
}

static void
publish_requested_cb (BylinePublishDialog *dialog,
                      BylineAccount       *account,
                      guint                flags,
                      BylineWindow        *self)
{
  byline_publish_bar_publish (self->publish_bar, byline_publish_dialog_get_document (dialog),
                              account, flags);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  BylineDocument *document;
  AdwDialog *dialog;

  if (self->page == NULL)
    return;

  /* The dialog only prepares: the publish itself runs in the window, for the writer to
   * keep writing meanwhile. */
  document = byline_page_get_document (self->page);
  dialog = byline_publish_dialog_new (document);
  g_signal_connect_object (dialog, "publish", G_CALLBACK (publish_requested_cb), self, 0);
  adw_dialog_present (dialog, widget);
}

typedef struct
{
  BylineWindow *window;
  BylinePage   *page;
  AfterSave     after;
} SaveState;

static void
save_state_free (SaveState *state)
{
  g_clear_object (&state->window);
  g_clear_object (&state->page);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveState, save_state_free)

static SaveState *
save_state_new (BylineWindow *self,
                BylinePage   *page,
                AfterSave     after)
{
  SaveState *state = g_new0 (SaveState, 1);

  state->window = g_object_ref (self);
  state->page = g_object_ref (page);
  state->after = after;

  return state;
}

static void
after_save (SaveState *state)
{
  AdwTabPage *tab;

  switch (state->after)
    {
    case AFTER_SAVE_CLOSE_PAGE:
      if ((tab = tab_for_page (state->window, state->page)))
        adw_tab_view_close_page (state->window->tab_view, tab);
      break;

    case AFTER_SAVE_CLOSE_WINDOW:
      gtk_window_close (GTK_WINDOW (state->window));
      break;

    case AFTER_SAVE_NOTHING:
    default:
      adw_toast_overlay_add_toast (state->window->toasts, adw_toast_new (_("Article saved")));
      break;
    }
}

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

  add_recent (byline_document_get_file (BYLINE_DOCUMENT (object)));
  after_save (state);
}

static void
overwrite_response_cb (AdwAlertDialog *dialog,
                       const char     *response,
                       gpointer        user_data)
{
  SaveState *state = user_data;
  BylineDocument *document = byline_page_get_document (state->page);

  byline_document_save_async (document, NULL, NULL, save_cb,
                              save_state_new (state->window, state->page, state->after));
}

static void
save_page (BylineWindow *self,
           BylinePage   *page,
           GFile        *file,
           AfterSave     after)
{
  BylineDocument *document = byline_page_get_document (page);

  if (file == NULL && byline_document_get_file (document) == NULL)
    {
      save_page_as (self, page, after);
      return;
    }

  /* Another program wrote a newer version: ask before writing over it. */
  if (file == NULL && byline_page_get_changed_on_disk (page))
    {
      AdwDialog *dialog = adw_alert_dialog_new (_("Save Over the Newer File?"),
                                                _("The file was changed by another program since it was opened. Saving replaces those changes with yours."));

      adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                      "cancel", _("_Cancel"),
                                      "overwrite", _("_Save Anyway"),
                                      NULL);
      adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "overwrite",
                                                ADW_RESPONSE_DESTRUCTIVE);
      adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
      g_signal_connect_data (dialog, "response::overwrite", G_CALLBACK (overwrite_response_cb),
                             save_state_new (self, page, after),
                             (GClosureNotify)(void (*) (void))save_state_free, 0);
      adw_dialog_present (dialog, GTK_WIDGET (self));
      return;
    }

  byline_document_save_async (document, file, NULL, save_cb, save_state_new (self, page, after));
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
    save_page (state->window, state->page, file, state->after);
  else if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    show_error (state->window, _("Could Not Save the Article"), error);
}

static void
save_page_as (BylineWindow *self,
              BylinePage   *page,
              AfterSave     after)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListModel) filters = markdown_filters ();
  BylineDocument *document = byline_page_get_document (page);
  GFile *file = byline_document_get_file (document);

  gtk_file_dialog_set_title (dialog, _("Save Article"));
  gtk_file_dialog_set_filters (dialog, filters);
  if (file != NULL)
    gtk_file_dialog_set_initial_file (dialog, file);
  else
    gtk_file_dialog_set_initial_name (dialog, _("article.md"));

  gtk_file_dialog_save (dialog, GTK_WINDOW (self), self->cancellable,
                        save_as_response_cb, save_state_new (self, page, after));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  if (self->page != NULL)
    save_page (self, self->page, NULL, AFTER_SAVE_NOTHING);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  if (self->page != NULL)
    save_page_as (self, self->page, AFTER_SAVE_NOTHING);
}

/* The writer chose to lose the page's unsaved changes. */
static void
discard_page (BylineWindow *self,
              BylinePage   *page)
{
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (byline_page_get_document (page)), FALSE);
}

static void
close_response_cb (AdwAlertDialog *dialog,
                   const char     *response,
                   gpointer        user_data)
{
  SaveState *state = user_data;

  if (g_str_equal (response, "discard"))
    {
      discard_page (state->window, state->page);
      after_save (state);
    }
  else if (g_str_equal (response, "save"))
    {
      save_page (state->window, state->page, NULL, state->after);
    }
}

/* Asks what to do with a page's unsaved changes before closing it or the window. */
static void
confirm_close (BylineWindow *self,
               BylinePage   *page,
               AfterSave     after)
{
  BylineDocument *document = byline_page_get_document (page);
  g_autofree char *title = byline_document_dup_title (document);
  AdwDialog *dialog;

  adw_tab_view_set_selected_page (self->tab_view, tab_for_page (self, page));

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
  g_signal_connect_data (dialog, "response", G_CALLBACK (close_response_cb),
                         save_state_new (self, page, after),
                         (GClosureNotify)(void (*) (void))save_state_free, 0);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static void
publishing_response_cb (AdwAlertDialog   *dialog,
                        const char       *response,
                        BylinePublishJob *job)
{
  if (g_str_equal (response, "stop") && byline_publish_job_get_running (job))
    byline_publish_job_cancel (job);
}

/* An article being published gets its record's address written into it when publishing
 * ends: closing it now would lose that, and the next publish would make a second record.
 * Returns whether @page was held open. */
static gboolean
hold_while_publishing (BylineWindow *self,
                       BylinePage   *page)
{
  BylinePublishJob *job = byline_publish_job_get_for_document (byline_page_get_document (page));
  AdwDialog *dialog;

  if (job == NULL || !byline_publish_job_get_running (job))
    return FALSE;

  dialog = adw_alert_dialog_new (_("The Article Is Being Published"),
                                 _("Its record’s address is written into it when publishing "
                                   "ends. Close it once publishing is over."));
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "wait", _("_Wait"));
  if (byline_publish_job_get_can_cancel (job))
    {
      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "stop", _("_Stop Publishing"));
      adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "stop",
                                                ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "wait");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "wait");
  g_signal_connect_data (dialog, "response", G_CALLBACK (publishing_response_cb),
                         g_object_ref (job), (GClosureNotify)(GCallback)g_object_unref, 0);
  adw_dialog_present (dialog, GTK_WIDGET (self));

  return TRUE;
}

static gboolean
close_page_cb (BylineWindow *self,
               AdwTabPage   *tab,
               AdwTabView   *tab_view)
{
  BylinePage *page = page_for_tab (tab);

  if (hold_while_publishing (self, page))
    adw_tab_view_close_page_finish (tab_view, tab, FALSE);
  else if (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (byline_page_get_document (page))))
    {
      adw_tab_view_close_page_finish (tab_view, tab, FALSE);
      confirm_close (self, page, AFTER_SAVE_CLOSE_PAGE);
    }
  else
    {
      adw_tab_view_close_page_finish (tab_view, tab, TRUE);
    }

  return GDK_EVENT_STOP;
}

static void
n_pages_changed_cb (BylineWindow *self,
                    GParamSpec   *pspec,
                    AdwTabView   *tab_view)
{
  /* Closing the last tab closes the window, as in other GNOME editors. */
  if (adw_tab_view_get_n_pages (tab_view) == 0)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
close_page_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  AdwTabPage *tab = adw_tab_view_get_selected_page (self->tab_view);

  if (tab != NULL)
    adw_tab_view_close_page (self->tab_view, tab);
}

static gboolean
byline_window_close_request (GtkWindow *window)
{
  BylineWindow *self = BYLINE_WINDOW (window);
  guint n_pages = adw_tab_view_get_n_pages (self->tab_view);

  for (guint i = 0; i < n_pages; i++)
    if (hold_while_publishing (self, page_for_tab (adw_tab_view_get_nth_page (self->tab_view, i))))
      return TRUE;

  for (guint i = 0; i < n_pages; i++)
    {
      BylinePage *page = page_for_tab (adw_tab_view_get_nth_page (self->tab_view, i));

      if (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (byline_page_get_document (page))))
        {
          confirm_close (self, page, AFTER_SAVE_CLOSE_WINDOW);
          return TRUE;
        }
    }

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (byline_window_parent_class)->close_request (window);
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

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);

  byline_window_add_document (self, document);
}

static void
byline_window_dispose (GObject *object)
{
  BylineWindow *self = BYLINE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  self->page = NULL;
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_WINDOW);

  g_clear_object (&self->document_signals);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

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
  g_type_ensure (BYLINE_TYPE_OUTLINE);
  g_type_ensure (BYLINE_TYPE_PUBLISH_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/byline-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, split_view);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, metadata_panel);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, tab_view);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, publish_bar);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, recent_section);
  gtk_widget_class_bind_template_callback (widget_class, selected_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, n_pages_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.new-document", NULL, new_document_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export-html", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.page-setup", NULL, page_setup_action);
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "win.close-page", NULL, close_page_action);
  _byline_window_record_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.new-document", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-side-panel", NULL);
}

static void
byline_window_init (BylineWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->document_signals = g_signal_group_new (BYLINE_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "notify::title",
                                 G_CALLBACK (document_title_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::file",
                                 G_CALLBACK (document_title_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "modified-changed",
                                 G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);

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
