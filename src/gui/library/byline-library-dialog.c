/* byline-library-dialog.c
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

#define G_LOG_DOMAIN "byline-library-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-account.h"
#include "byline-account-dialog.h"
#include "byline-document.h"
#include "byline-front-matter.h"
#include "byline-json.h"
#include "byline-library.h"
#include "byline-library-dialog.h"
#include "byline-publisher.h"
#include "byline-window.h"
#include "byline-window-private.h"

/*
 * The writer's library: the documents and publications of the signed-in account, loaded page
 * by page in the background, each document openable as an article in a folder the writer
 * chooses; and a local folder of articles, listed from their front matter.
 */

#define MAX_FOLDER_DEPTH 4
#define MAX_FOLDER_ARTICLES 1000

struct _BylineLibraryDialog
{
  AdwDialog            parent_instance;

  /* Template widgets */
  GtkSearchEntry      *search_entry;
  GtkStack            *stack;
  AdwStatusPage       *loading_page;
  AdwStatusPage       *error_page;
  AdwPreferencesGroup *folder_group;
  AdwPreferencesGroup *documents_group;
  AdwPreferencesGroup *publications_group;

  /* Owned references */
  GCancellable        *lifetime;
  GCancellable        *loading;
  BylineAccount       *account;
  BylineLibrary       *library;
  GPtrArray           *account_rows;
  GPtrArray           *folder_rows;
  GHashTable          *records;      /* AT URI -> JsonObject, the listed documents */
  GWeakRef             window;

  guint                busy : 1;
};

/* An article of a local folder, read in a worker. */
typedef struct
{
  GFile *file;
  char  *title;
  char  *date;
  char  *record_uri;
} FolderArticle;

G_DEFINE_FINAL_TYPE (BylineLibraryDialog, byline_library_dialog, ADW_TYPE_DIALOG)

static void
folder_article_free (FolderArticle *article)
{
  g_clear_object (&article->file);
  g_free (article->title);
  g_free (article->date);
  g_free (article->record_uri);
  g_free (article);
}

static void
actions_update (BylineLibraryDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.reload",
                                 self->account != NULL && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.open-document", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.open-folder", !self->busy);
}

static void
show_error (BylineLibraryDialog *self,
            const char          *heading,
            const GError        *error)
{
  AdwDialog *alert = adw_alert_dialog_new (heading, error->message);

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), "close", _("_Close"));
  adw_dialog_present (alert, GTK_WIDGET (self));
}

static gboolean
matches_search (BylineLibraryDialog *self,
                GtkWidget           *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *key = g_object_get_data (G_OBJECT (row), "byline-search-key");
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;
  folded = g_utf8_casefold (text, -1);

  return key != NULL && strstr (key, folded) != NULL;
}

static void
search_changed_cb (BylineLibraryDialog *self)
{
  GPtrArray *all[] = { self->account_rows, self->folder_rows };

  for (guint a = 0; a < G_N_ELEMENTS (all); a++)
    for (guint i = 0; i < all[a]->len; i++)
      {
        GtkWidget *row = g_ptr_array_index (all[a], i);

        gtk_widget_set_visible (row, matches_search (self, row));
      }
}

static void
clear_rows (GPtrArray           *rows,
            AdwPreferencesGroup *group_a,
            AdwPreferencesGroup *group_b)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group == GTK_WIDGET (group_a) || group == GTK_WIDGET (group_b))
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (rows, 0);
}

static AdwActionRow *
add_row (BylineLibraryDialog *self,
         GPtrArray           *rows,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title && *title ? title : _("Untitled"));
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_subtitle_lines (row, 2);
  g_object_set_data_full (G_OBJECT (row), "byline-search-key",
                          g_utf8_casefold (title ? title : "", -1), g_free);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  g_ptr_array_add (rows, row);
  gtk_widget_set_visible (GTK_WIDGET (row), matches_search (self, GTK_WIDGET (row)));

  return row;
}

static void
add_suffix_label (AdwActionRow *row,
                  const char   *text,
                  const char   *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "accent");
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (label, tooltip);
  adw_action_row_add_suffix (row, label);
}

static void
add_open_button (AdwActionRow *row,
                 const char   *label,
                 const char   *action,
                 const char   *target,
                 const char   *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  adw_action_row_add_suffix (row, button);
}

/* The record URIs of the articles open in Byline's windows. */
static GHashTable *
open_record_uris (void)
{
  GHashTable *uris = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GApplication *app = g_application_get_default ();

  if (!GTK_IS_APPLICATION (app))
    return uris;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      g_autoptr(GPtrArray) documents = NULL;

      if (!BYLINE_IS_WINDOW (l->data))
        continue;
      documents = byline_window_dup_documents (BYLINE_WINDOW (l->data));
      for (guint i = 0; i < documents->len; i++)
        {
          BylineMetadata *metadata = byline_document_get_metadata (g_ptr_array_index (documents, i));
          const char *uri = metadata ? byline_metadata_get_record_uri (metadata) : NULL;

          if (uri != NULL)
            g_hash_table_add (uris, g_strdup (uri));
        }
    }

  return uris;
}

static char *
content_label (JsonObject *value)
{
  JsonNode *content = json_object_get_member (value, "content");
  const char *type = content && JSON_NODE_HOLDS_OBJECT (content)
                     ? byline_json_object_get_string (json_node_get_object (content), "$type")
                     : NULL;

  if (type == NULL)
    return g_strdup (_("Plain text"));
  if (g_str_equal (type, "at.markpub.markdown") || g_str_equal (type, "site.standard.content.markdown"))
    return g_strdup (_("Markdown"));
  if (g_str_equal (type, "pub.leaflet.content"))
    return g_strdup (_("Leaflet"));

  return g_strdup (type);
}

static char *
short_date (const char *iso8601)
{
  g_autoptr(GDateTime) time = iso8601 ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  g_autoptr(GDateTime) local = time ? g_date_time_to_local (time) : NULL;

  if (local == NULL)
    return g_strdup (iso8601 ? iso8601 : "");

  /* Translators: a date as in “5 March 2026”, see g_date_time_format() */
  return g_date_time_format (local, _("%-d %B %Y"));
}

static void
add_document_row (BylineLibraryDialog *self,
                  JsonObject          *item,
                  GHashTable          *linked)
{
  JsonObject *value = json_object_get_object_member (item, "value");
  const char *uri = byline_json_object_get_string (item, "uri");
  const char *site = byline_json_object_get_string (value, "site");
  const char *path = byline_json_object_get_string (value, "path");
  g_autofree char *date = short_date (byline_json_object_get_string (value, "publishedAt"));
  g_autofree char *type = content_label (value);
  g_autofree char *where = NULL;
  g_autofree char *subtitle = NULL;
  AdwActionRow *row;

  if (site != NULL && g_str_has_prefix (site, "https://"))
    site += strlen ("https://");
  where = g_strconcat (site ? site : "", path ? path : "", NULL);
  /* Translators: a document's date, its site and path, and its content type */
  subtitle = g_strdup_printf (_("%s · %s · %s"), date, *where ? where : _("no address"), type);
  row = add_row (self, self->account_rows, self->documents_group,
                 byline_json_object_get_string (value, "title"), subtitle);
  g_object_set_data_full (G_OBJECT (row), "byline-uri", g_strdup (uri), g_free);
  if (g_hash_table_contains (linked, uri))
    add_suffix_label (row, _("Open Here"), _("An article open in Byline is linked to this document"));
  add_open_button (row, _("_Open…"), "library.open-document", uri,
                   _("Open the document as an article, in a folder you choose"));
}

static void
add_publication_row (BylineLibraryDialog *self,
                     JsonObject          *item)
{
  JsonObject *value = json_object_get_object_member (item, "value");
  const char *url = byline_json_object_get_string (value, "url");
  const char *description = byline_json_object_get_string (value, "description");
  g_autofree char *subtitle = NULL;

  subtitle = description && *description ? g_strdup_printf ("%s\n%s", url ? url : "", description)
                                         : g_strdup (url ? url : "");
  add_row (self, self->account_rows, self->publications_group,
           byline_json_object_get_string (value, "name"), subtitle);
}

static void
add_records (BylineLibraryDialog *self,
             JsonArray           *records,
             gboolean             documents)
{
  g_autoptr(GHashTable) linked = open_record_uris ();

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *item = json_array_get_object_element (records, i);
      JsonNode *value = item ? json_object_get_member (item, "value") : NULL;

      if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value) ||
          byline_json_object_get_string (item, "uri") == NULL)
        continue;
      if (documents)
        {
          g_hash_table_replace (self->records, g_strdup (byline_json_object_get_string (item, "uri")),
                                json_object_ref (item));
          add_document_row (self, item, linked);
        }
      else
        add_publication_row (self, item);
    }
}

static void
n_loaded_cb (BylineLibraryDialog *self)
{
  guint n = byline_library_get_n_loaded (self->library);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record loaded",
                                                        "%u records loaded", n), n);

  adw_status_page_set_description (self->loading_page, text);
}

static void
publications_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BylineLibraryDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) records = byline_library_list_finish (BYLINE_LIBRARY (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  actions_update (self);
  if (records == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  add_records (self, records, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->documents_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->publications_group), json_array_get_length (records) > 0);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
documents_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BylineLibraryDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) records = byline_library_list_finish (BYLINE_LIBRARY (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (records == NULL)
    {
      self->busy = FALSE;
      actions_update (self);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  add_records (self, records, TRUE);
  adw_preferences_group_set_description (self->documents_group,
                                         json_array_get_length (records) == 0
                                         ? _("This account has published no documents yet.")
                                         : NULL);
  byline_library_list_async (self->library, BYLINE_PUBLICATION_COLLECTION, self->loading,
                             publications_cb, g_object_ref (self));
}

static void
load (BylineLibraryDialog *self)
{
  g_autoptr(BylineXrpcClient) client = NULL;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  clear_rows (self->account_rows, self->documents_group, self->publications_group);
  g_hash_table_remove_all (self->records);

  if (self->account == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack,
                                        self->folder_rows->len > 0 ? "list" : "signed-out");
      gtk_widget_set_visible (GTK_WIDGET (self->documents_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->publications_group), FALSE);
      actions_update (self);
      return;
    }

  client = byline_account_dup_client (self->account);
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  g_set_object (&self->library, NULL);
  self->library = byline_library_new (client);
  g_signal_connect_object (self->library, "notify::n-loaded", G_CALLBACK (n_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  adw_status_page_set_description (self->loading_page, NULL);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  self->busy = TRUE;
  actions_update (self);
  byline_library_list_async (self->library, BYLINE_DOCUMENT_COLLECTION, self->loading,
                             documents_cb, g_object_ref (self));
}

static void
set_account (BylineLibraryDialog *self,
             BylineAccount       *account)
{
  g_autoptr(GtkWidget) window = g_weak_ref_get (&self->window);

  g_set_object (&self->account, account);
  /* The window reads published records with it too (Compare With Published…). */
  if (account != NULL && window != NULL && BYLINE_IS_WINDOW (window) &&
      _byline_window_get_account (BYLINE_WINDOW (window)) == NULL)
    _byline_window_set_account (BYLINE_WINDOW (window), account);
  load (self);
}

static void
resume_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BylineLibraryDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_account_resume_finish (BYLINE_ACCOUNT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not resume the account: %s", error->message);
      return;
    }
  if (self->account == NULL)
    set_account (self, BYLINE_ACCOUNT (object));
}

static void
accounts_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BylineLibraryDialog) self = user_data;
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  /* No keyring, or no account in it, just means signing in. */
  accounts = byline_account_list_finish (result, &error);
  if (accounts == NULL || g_list_model_get_n_items (accounts) == 0 || self->account != NULL)
    return;

  account = g_list_model_get_item (accounts, 0);
  byline_account_resume_async (account, self->lifetime, resume_cb, g_object_ref (self));
}

static void
signed_in_cb (BylineLibraryDialog *self,
              BylineAccount       *account)
{
  set_account (self, account);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  BylineLibraryDialog *self = BYLINE_LIBRARY_DIALOG (widget);
  AdwDialog *dialog = byline_account_dialog_new ();

  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (signed_in_cb), self,
                           G_CONNECT_SWAPPED);
  adw_dialog_present (dialog, widget);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  load (BYLINE_LIBRARY_DIALOG (widget));
}

static void
open_in_window (BylineLibraryDialog *self,
                GFile               *file)
{
  g_autoptr(GtkWidget) window = g_weak_ref_get (&self->window);

  if (window != NULL && BYLINE_IS_WINDOW (window))
    {
      /* The window compares the article with its record through this account. */
      if (self->account != NULL)
        _byline_window_set_account (BYLINE_WINDOW (window), self->account);
      byline_window_open_file (BYLINE_WINDOW (window), file);
    }
  adw_dialog_close (ADW_DIALOG (self));
}

static void
pull_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BylineLibraryDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) article = byline_library_pull_finish (BYLINE_LIBRARY (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  actions_update (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
  if (article == NULL)
    {
      show_error (self, _("Could Not Open the Document"), error);
      return;
    }

  open_in_window (self, article);
}

/**
 * byline_library_dialog_pull:
 * @self: a library dialog
 * @uri: a listed document's AT URI
 * @parent: the folder the writer chose
 *
 * Pulls the document into a folder of @parent named as its article, then opens the article
 * in the window and closes the dialog.
 */
void
byline_library_dialog_pull (BylineLibraryDialog *self,
                            const char          *uri,
                            GFile               *parent)
{
  JsonObject *item;
  g_autofree char *rkey = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;

  g_return_if_fail (BYLINE_IS_LIBRARY_DIALOG (self));
  g_return_if_fail (G_IS_FILE (parent));

  item = g_hash_table_lookup (self->records, uri);
  g_return_if_fail (item != NULL && self->library != NULL);

  byline_xrpc_parse_at_uri (uri, NULL, NULL, &rkey);
  name = byline_library_article_name (json_object_get_object_member (item, "value"), rkey);
  name[strlen (name) - strlen (".md")] = '\0';
  folder = g_file_get_child (parent, name);

  self->busy = TRUE;
  actions_update (self);
  adw_status_page_set_description (self->loading_page, _("Downloading the document and its images"));
  gtk_stack_set_visible_child_name (self->stack, "loading");
  byline_library_pull_async (self->library, uri, folder, self->lifetime, pull_cb,
                             g_object_ref (self));
}

static void
choose_folder_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BylineLibraryDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (object), result,
                                                                  &error);
  const char *uri = g_object_get_data (object, "byline-uri");

  if (folder == NULL)
    {
      if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
        show_error (self, _("Could Not Choose a Folder"), error);
      return;
    }

  if (uri != NULL)
    byline_library_dialog_pull (self, uri, folder);
  else
    byline_library_dialog_open_folder (self, folder);
}

static void
choose_folder (BylineLibraryDialog *self,
               const char          *title,
               const char          *uri)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkWidget) window = g_weak_ref_get (&self->window);

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (uri != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "byline-uri", g_strdup (uri), g_free);
  gtk_file_dialog_select_folder (dialog, window ? GTK_WINDOW (window) : NULL, self->lifetime,
                                 choose_folder_cb, g_object_ref (self));
}

static void
open_document_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  choose_folder (BYLINE_LIBRARY_DIALOG (widget), _("Choose Where to Keep the Article"),
                 g_variant_get_string (param, NULL));
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  choose_folder (BYLINE_LIBRARY_DIALOG (widget), _("Open a Folder of Articles"), NULL);
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  open_in_window (BYLINE_LIBRARY_DIALOG (widget), file);
}

static void
scan_folder (GFile        *folder,
             guint         depth,
             GPtrArray    *articles,
             GCancellable *cancellable)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  while (children != NULL && articles->len < MAX_FOLDER_ARTICLES &&
         (info = g_file_enumerator_next_file (children, cancellable, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      const char *name = g_file_info_get_name (info);
      g_autoptr(GFile) child = g_file_get_child (folder, name);

      if (g_file_info_get_is_hidden (info))
        continue;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          if (depth < MAX_FOLDER_DEPTH)
            scan_folder (child, depth + 1, articles, cancellable);
          continue;
        }
      if (g_str_has_suffix (name, ".md") || g_str_has_suffix (name, ".markdown"))
        {
          g_autofree char *text = NULL;
          g_autoptr(BylineMetadata) metadata = NULL;
          FolderArticle *article;
          gsize length = 0;

          if (!g_file_load_contents (child, cancellable, &text, &length, NULL, NULL))
            continue;
          metadata = byline_front_matter_parse (text, length, NULL, NULL);
          article = g_new0 (FolderArticle, 1);
          article->file = g_object_ref (child);
          article->title = g_strdup (metadata ? byline_metadata_get_title (metadata) : NULL);
          if (article->title == NULL)
            article->title = g_strdup (name);
          article->date = g_strdup (metadata ? byline_metadata_get_published_at (metadata) : NULL);
          article->record_uri = g_strdup (metadata ? byline_metadata_get_record_uri (metadata) : NULL);
          g_ptr_array_add (articles, article);
        }
    }
}

static void
scan_folder_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GPtrArray *articles = g_ptr_array_new_with_free_func ((GDestroyNotify) folder_article_free);

  scan_folder (task_data, 0, articles, cancellable);
  g_task_return_pointer (task, articles, (GDestroyNotify) g_ptr_array_unref);
}

static void
folder_scanned_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BylineLibraryDialog *self = BYLINE_LIBRARY_DIALOG (object);
  g_autoptr(GPtrArray) articles = g_task_propagate_pointer (G_TASK (result), NULL);
  GFile *folder = g_task_get_task_data (G_TASK (result));
  g_autofree char *shown = g_file_get_basename (folder);

  self->busy = FALSE;
  actions_update (self);
  if (articles == NULL)
    return;

  clear_rows (self->folder_rows, self->folder_group, self->folder_group);
  adw_preferences_group_set_title (self->folder_group, shown);
  adw_preferences_group_set_description (self->folder_group,
                                         articles->len == 0 ? _("No Markdown articles in this folder.")
                                                            : NULL);
  for (guint i = 0; i < articles->len; i++)
    {
      FolderArticle *article = g_ptr_array_index (articles, i);
      g_autofree char *date = article->date ? short_date (article->date) : g_strdup (_("No date"));
      g_autofree char *subtitle = NULL;
      g_autofree char *uri = g_file_get_uri (article->file);
      AdwActionRow *row;

      /* Translators: an article's date and whether it is published */
      subtitle = g_strdup_printf (_("%s · %s"), date,
                                  article->record_uri ? _("Published") : _("Not published"));
      row = add_row (self, self->folder_rows, self->folder_group, article->title, subtitle);
      add_open_button (row, _("_Open"), "library.open-file", uri, _("Open the article"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->folder_group), TRUE);
  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "loading"))
    gtk_stack_set_visible_child_name (self->stack, "list");
}

/**
 * byline_library_dialog_open_folder:
 * @self: a library dialog
 * @folder: a folder of Markdown articles, such as a static site's `content/`
 *
 * Lists the articles of @folder and its subfolders, read in the background, with the title,
 * date and publish state of their front matter.
 */
void
byline_library_dialog_open_folder (BylineLibraryDialog *self,
                                   GFile               *folder)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BYLINE_IS_LIBRARY_DIALOG (self));
  g_return_if_fail (G_IS_FILE (folder));

  self->busy = TRUE;
  actions_update (self);
  task = g_task_new (self, self->lifetime, folder_scanned_cb, NULL);
  g_task_set_source_tag (task, byline_library_dialog_open_folder);
  g_task_set_task_data (task, g_object_ref (folder), g_object_unref);
  g_task_run_in_thread (task, scan_folder_thread);
}

static void
byline_library_dialog_dispose (GObject *object)
{
  BylineLibraryDialog *self = (BylineLibraryDialog *) object;

  g_cancellable_cancel (self->lifetime);
  g_cancellable_cancel (self->loading);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_LIBRARY_DIALOG);
  g_clear_object (&self->lifetime);
  g_clear_object (&self->loading);
  g_clear_object (&self->account);
  g_clear_object (&self->library);
  g_clear_pointer (&self->account_rows, g_ptr_array_unref);
  g_clear_pointer (&self->folder_rows, g_ptr_array_unref);
  g_clear_pointer (&self->records, g_hash_table_unref);
  g_weak_ref_clear (&self->window);

  G_OBJECT_CLASS (byline_library_dialog_parent_class)->dispose (object);
}

static void
byline_library_dialog_class_init (BylineLibraryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_library_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/byline/Byline/ui/byline-library-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryDialog, loading_page);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryDialog, folder_group);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryDialog, documents_group);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryDialog, publications_group);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_action (widget_class, "library.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "library.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "library.open-document", "s", open_document_action);
  gtk_widget_class_install_action (widget_class, "library.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "library.open-file", "s", open_file_action);
}

static void
byline_library_dialog_init (BylineLibraryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->lifetime = g_cancellable_new ();
  self->account_rows = g_ptr_array_new ();
  self->folder_rows = g_ptr_array_new ();
  self->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) json_object_unref);
  g_weak_ref_init (&self->window, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->documents_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->publications_group), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "signed-out");
  actions_update (self);

  byline_account_list_async (self->lifetime, accounts_cb, g_object_ref (self));
}

/**
 * byline_library_dialog_new:
 * @window: the window that opens what the writer chooses
 *
 * Returns: (transfer floating): the library of the signed-in account
 */
AdwDialog *
byline_library_dialog_new (GtkWindow *window)
{
  BylineLibraryDialog *self = g_object_new (BYLINE_TYPE_LIBRARY_DIALOG, NULL);

  g_weak_ref_set (&self->window, window);

  return ADW_DIALOG (self);
}
