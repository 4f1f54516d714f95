/* byline-window-files.c
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

#include "byline-record.h"
#include "byline-window-private.h"

/*
 * The window's files: opening articles (from the Open dialog, the recent files or the command
 * line), saving them, and asking about unsaved changes before a tab or the window closes.
 */

static void save_page (BylineWindow *self, BylinePage *page, GFile *file,
                       BylineWindowAfterSave after);
static void save_page_as (BylineWindow *self, BylinePage *page, BylineWindowAfterSave after);

static AdwTabPage *
tab_for_page (BylineWindow *self,
              BylinePage   *page)
{
  return adw_tab_view_get_page (_byline_window_get_tab_view (self), GTK_WIDGET (page));
}

static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
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
        _byline_window_show_error (self, _("Could Not Open the Article"), error);
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
      _byline_window_add_toast (self, toast);
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
  AdwTabView *tab_view;
  BylinePage *page;
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

  tab_view = _byline_window_get_tab_view (self);
  n_pages = adw_tab_view_get_n_pages (tab_view);
  for (guint i = 0; i < n_pages; i++)
    {
      AdwTabPage *tab = adw_tab_view_get_nth_page (tab_view, i);
      BylinePage *open_page = BYLINE_PAGE (adw_tab_page_get_child (tab));
      GFile *open = byline_document_get_file (byline_page_get_document (open_page));

      if (open != NULL && g_file_equal (open, file))
        {
          adw_tab_view_set_selected_page (tab_view, tab);
          return;
        }
    }

  page = byline_window_get_page (self);
  if (page != NULL && page_is_empty (page))
    document = g_object_ref (byline_page_get_document (page));
  else
    byline_window_add_document (self, (document = byline_document_new ()));

  byline_document_load_async (document, file, _byline_window_get_cancellable (self), load_cb,
                              g_object_ref (self));
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
  BylinePage *page;

  g_return_val_if_fail (BYLINE_IS_WINDOW (self), FALSE);

  page = byline_window_get_page (self);

  return adw_tab_view_get_n_pages (_byline_window_get_tab_view (self)) == 1 && page != NULL &&
         page_is_empty (page);
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
        _byline_window_show_error (self, _("Could Not Open the Article"), error);
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
  gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (self), _byline_window_get_cancellable (self),
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

typedef struct
{
  BylineWindow          *window;
  BylinePage            *page;
  BylineWindowAfterSave  after;
  GFile                 *file;    /* where a save writes, for its error */
} SaveState;

static void
save_state_free (SaveState *state)
{
  g_clear_object (&state->window);
  g_clear_object (&state->page);
  g_clear_object (&state->file);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveState, save_state_free)

static SaveState *
save_state_new (BylineWindow          *self,
                BylinePage            *page,
                BylineWindowAfterSave  after)
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
    case BYLINE_WINDOW_AFTER_SAVE_CLOSE_PAGE:
      if ((tab = tab_for_page (state->window, state->page)))
        adw_tab_view_close_page (_byline_window_get_tab_view (state->window), tab);
      break;

    case BYLINE_WINDOW_AFTER_SAVE_CLOSE_WINDOW:
      gtk_window_close (GTK_WINDOW (state->window));
      break;

    case BYLINE_WINDOW_AFTER_SAVE_NOTHING:
    default:
      _byline_window_show_toast (state->window, _("Article saved"));
      break;
    }
}

/* Where a save failed, in the writer's words: "~/Articles" rather than a URI. */
static char *
dup_folder_name (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = parent ? g_file_get_path (parent) : NULL;
  const char *home = g_get_home_dir ();

  if (path == NULL)
    return parent ? g_file_get_parse_name (parent) : g_strdup ("/");
  if (g_str_has_prefix (path, home) && (path[strlen (home)] == '/' || path[strlen (home)] == '\0'))
    return g_strconcat ("~", path + strlen (home), NULL);

  return g_steal_pointer (&path);
}

/* Why a save failed, in words, for the error's common causes. */
static char *
describe_save_error (GFile        *file,
                     const GError *error)
{
  g_autofree char *folder = dup_folder_name (file);

  if (error->domain == G_IO_ERROR)
    switch (error->code)
      {
      case G_IO_ERROR_PERMISSION_DENIED:
      case G_IO_ERROR_READ_ONLY:
        return g_strdup_printf (_("The folder “%s” is read-only, or you are not allowed to write in it."),
                                folder);
      case G_IO_ERROR_NO_SPACE:
        return g_strdup (_("The disk is full. Free some space, or save the article elsewhere."));
      case G_IO_ERROR_NOT_FOUND:
      case G_IO_ERROR_NOT_DIRECTORY:
        return g_strdup_printf (_("The folder “%s” no longer exists: it may have been moved, deleted or unmounted."),
                                folder);
      case G_IO_ERROR_IS_DIRECTORY:
        return g_strdup (_("A folder of that name is in the way."));
      case G_IO_ERROR_FILENAME_TOO_LONG:
      case G_IO_ERROR_INVALID_FILENAME:
        return g_strdup (_("The name is too long, or holds characters this disk does not allow."));
      case G_IO_ERROR_BUSY:
        return g_strdup (_("The article is still being opened or saved. Try again in a moment."));
      case G_IO_ERROR_NOT_MOUNTED:
      case G_IO_ERROR_HOST_NOT_FOUND:
      case G_IO_ERROR_HOST_UNREACHABLE:
      case G_IO_ERROR_NETWORK_UNREACHABLE:
      case G_IO_ERROR_CONNECTION_REFUSED:
      case G_IO_ERROR_TIMED_OUT:
        return g_strdup_printf (_("The folder “%s” cannot be reached."), folder);
      default:
        break;
      }

  return g_strdup_printf (_("The file could not be written (%s)."), error->message);
}

static void
save_error_response_cb (AdwAlertDialog *dialog,
                        const char     *response,
                        gpointer        user_data)
{
  SaveState *state = user_data;

  save_page_as (state->window, state->page, state->after);
}

/* A failed save says which file and why, and offers to save it elsewhere; the text stays
 * unsaved in the editor (and in its draft) meanwhile. */
static void
show_save_error (SaveState    *state,
                 const GError *error)
{
  g_autofree char *name = state->file ? g_file_get_basename (state->file) : NULL;
  g_autofree char *reason = state->file ? describe_save_error (state->file, error)
                                        : g_strdup (error->message);
  AdwDialog *dialog = adw_alert_dialog_new (NULL, reason);

  if (name != NULL)
    adw_alert_dialog_format_heading (ADW_ALERT_DIALOG (dialog), _("Could Not Save “%s”"), name);
  else
    adw_alert_dialog_set_heading (ADW_ALERT_DIALOG (dialog), _("Could Not Save the Article"));
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "close", _("_Close"),
                                  "save-as", _("Save _As…"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "save-as",
                                            ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "save-as");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "close");
  g_signal_connect_data (dialog, "response::save-as", G_CALLBACK (save_error_response_cb),
                         save_state_new (state->window, state->page, state->after),
                         (GClosureNotify)(void (*) (void))save_state_free, 0);
  adw_dialog_present (dialog, GTK_WIDGET (state->window));
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
      show_save_error (state, error);
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

  SaveState *save = save_state_new (state->window, state->page, state->after);

  save->file = g_object_ref (byline_document_get_file (document));
  byline_document_save_async (document, NULL, NULL, save_cb, save);
}

static void
save_page (BylineWindow          *self,
           BylinePage            *page,
           GFile                 *file,
           BylineWindowAfterSave  after)
{
  BylineDocument *document = byline_page_get_document (page);
  SaveState *state;

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

  state = save_state_new (self, page, after);
  state->file = g_object_ref (file != NULL ? file : byline_document_get_file (document));
  byline_document_save_async (document, file, NULL, save_cb, state);
}

/* The save dialog proposes "article.md" with only "article" selected, so a writer who types
 * "new.md" over it chose "new.md.md"; one who wipes the whole name and types "new" chose a
 * file without the extension. Returns: (transfer full) (nullable): the article's file for
 * such a name, or %NULL when @file's name is fine as it is. */
static GFile *
dup_normalized_save_file (GFile *file)
{
  static const char * const extensions[] = { ".md", ".markdown" };
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  const char *dot;

  if (name == NULL || parent == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    for (guint j = 0; j < G_N_ELEMENTS (extensions); j++)
      {
        g_autofree char *doubled = g_strconcat (extensions[i], extensions[j], NULL);

        if (g_str_has_suffix (name, doubled) && strlen (name) > strlen (doubled))
          {
            g_autofree char *fixed = g_strndup (name, strlen (name) - strlen (extensions[j]));

            return g_file_get_child (parent, fixed);
          }
      }

  dot = strrchr (name, '.');
  if (dot == NULL || dot == name)
    {
      g_autofree char *fixed = g_strconcat (name, ".md", NULL);

      return g_file_get_child (parent, fixed);
    }

  return NULL;
}

static void
replace_response_cb (AdwAlertDialog *dialog,
                     const char     *response,
                     gpointer        user_data)
{
  SaveState *state = user_data;

  save_page (state->window, state->page, state->file, state->after);
}

static void
save_as_response_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SaveState) state = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) normalized = NULL;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);
  if (file == NULL)
    {
      if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
        _byline_window_show_error (state->window, _("Could Not Save the Article"), error);
      return;
    }

  normalized = dup_normalized_save_file (file);
  if (normalized == NULL)
    {
      save_page (state->window, state->page, file, state->after);
      return;
    }

  /* The dialog asked about replacing the name as typed, not this one. */
  if (g_file_query_exists (normalized, NULL))
    {
      g_autofree char *name = g_file_get_basename (normalized);
      AdwDialog *dialog = adw_alert_dialog_new (NULL, _("A file with that name already exists. Replacing it overwrites its contents."));
      SaveState *replace = save_state_new (state->window, state->page, state->after);

      adw_alert_dialog_format_heading (ADW_ALERT_DIALOG (dialog), _("Replace “%s”?"), name);
      adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                      "cancel", _("_Cancel"),
                                      "replace", _("_Replace"),
                                      NULL);
      adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "replace",
                                                ADW_RESPONSE_DESTRUCTIVE);
      adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
      replace->file = g_steal_pointer (&normalized);
      g_signal_connect_data (dialog, "response::replace", G_CALLBACK (replace_response_cb),
                             replace, (GClosureNotify)(void (*) (void))save_state_free, 0);
      adw_dialog_present (dialog, GTK_WIDGET (state->window));
      return;
    }

  save_page (state->window, state->page, normalized, state->after);
}

static void
save_page_as (BylineWindow          *self,
              BylinePage            *page,
              BylineWindowAfterSave  after)
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
    {
      /* A new article is named after its title, as its path would be. */
      BylineMetadata *metadata = byline_document_get_metadata (document);
      g_autofree char *slug = byline_record_slugify (metadata ? byline_metadata_get_title (metadata) : NULL);
      g_autofree char *name = slug != NULL ? g_strconcat (slug + 1, ".md", NULL)
                                           : g_strdup (_("article.md"));

      gtk_file_dialog_set_initial_name (dialog, name);
    }

  gtk_file_dialog_save (dialog, GTK_WINDOW (self), _byline_window_get_cancellable (self),
                        save_as_response_cb, save_state_new (self, page, after));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  BylinePage *page = byline_window_get_page (self);

  if (page != NULL)
    save_page (self, page, NULL, BYLINE_WINDOW_AFTER_SAVE_NOTHING);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  BylinePage *page = byline_window_get_page (self);

  if (page != NULL)
    save_page_as (self, page, BYLINE_WINDOW_AFTER_SAVE_NOTHING);
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
void
_byline_window_confirm_close (BylineWindow          *self,
                              BylinePage            *page,
                              BylineWindowAfterSave  after)
{
  BylineDocument *document = byline_page_get_document (page);
  g_autofree char *title = byline_document_dup_title (document);
  AdwDialog *dialog;

  adw_tab_view_set_selected_page (_byline_window_get_tab_view (self), tab_for_page (self, page));

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

void
_byline_window_files_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
}
