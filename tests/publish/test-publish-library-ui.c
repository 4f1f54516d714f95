/* test-publish-library-ui.c
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

/* The Library dialog in the real window against the reference PDS, as a writer uses it: sign
 * in, see the documents (one marked as open here) and publications another app wrote, search
 * by title, open a folder of articles, and open a document, which lands in a tab with its
 * images. Runs under Xvfb and a private session bus. */

#include "config.h"

#include <string.h>

#include "byline-application.h"
#include "byline-compare-dialog.h"
#include "byline-front-matter.h"
#include "byline-library.h"
#include "byline-library-dialog.h"
#include "byline-test-utils.h"
#include "byline-tid.h"
#include "byline-window.h"
#include "pds-fixture.h"

static BylineApplication *app;

static const guint8 png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
  0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
  0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static JsonObject *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Writes @value under a new record key of @collection, as another app would; returns its
 * AT URI. */
static char *
put_record (const char *collection,
            JsonObject *value)
{
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rkey = byline_tid_next ();

  json_object_set_string_member (input, "repo", did);
  json_object_set_string_member (input, "collection", collection);
  json_object_set_string_member (input, "rkey", rkey);
  json_object_set_object_member (input, "record", json_object_ref (value));
  answer = pds_call ("POST", "com.atproto.repo.putRecord", NULL, input, &error);
  g_assert_no_error (error);

  return g_strdup (json_object_get_string_member (answer, "uri"));
}

static JsonObject *
upload_png (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (png, sizeof png);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *blob;

  byline_xrpc_client_upload_blob_async (client, bytes, "image/png", NULL, pds_store_result_cb, &result);
  blob = byline_xrpc_client_upload_blob_finish (client, pds_wait_for (&result), &error);
  g_assert_no_error (error);

  return blob;
}

static char *gulls_uri;
static char *trains_uri;

static void
write_records (void)
{
  g_autoptr(JsonObject) cover = upload_png ();
  g_autoptr(JsonObject) image = upload_png ();
  g_autoptr(JsonObject) gulls = parse (
    "{\"$type\": \"site.standard.document\", \"title\": \"Gulls on the Wall\","
    " \"site\": \"https://example.com\", \"path\": \"/gulls/\","
    " \"publishedAt\": \"2026-03-05T20:30:00.000Z\", \"textContent\": \"Two gulls.\","
    " \"content\": {\"$type\": \"pub.leaflet.content\", \"pages\": [{"
    "  \"$type\": \"pub.leaflet.pages.linearDocument\", \"blocks\": ["
    "   {\"$type\": \"pub.leaflet.pages.linearDocument#block\", \"block\": {"
    "    \"$type\": \"pub.leaflet.blocks.text\", \"plaintext\": \"Two gulls sat on the harbour wall.\"}},"
    "   {\"$type\": \"pub.leaflet.pages.linearDocument#block\", \"block\": {"
    "    \"$type\": \"pub.leaflet.blocks.image\", \"aspectRatio\": {\"width\": 1, \"height\": 1},"
    "    \"alt\": \"The wall\"}}]}]}}");
  g_autoptr(JsonObject) trains = parse (
    "{\"$type\": \"site.standard.document\", \"title\": \"Night Trains\","
    " \"site\": \"https://example.com\", \"path\": \"/trains/\","
    " \"publishedAt\": \"2026-02-01T08:00:00.000Z\", \"textContent\": \"Sleepers.\","
    " \"content\": {\"$type\": \"at.markpub.markdown\", \"flavor\": \"gfm\","
    "  \"text\": {\"$type\": \"at.markpub.text\", \"markdown\": \"Sleepers.\"}}}");
  g_autoptr(JsonObject) publication = parse (
    "{\"$type\": \"site.standard.publication\", \"name\": \"Harbour Notes\","
    " \"url\": \"https://example.com\"}");
  JsonObject *block;

  json_object_set_object_member (gulls, "coverImage", json_object_ref (cover));
  block = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (
            json_array_get_object_element (json_object_get_array_member (json_object_get_object_member (
              gulls, "content"), "pages"), 0), "blocks"), 1), "block");
  json_object_set_object_member (block, "image", json_object_ref (image));

  gulls_uri = put_record ("site.standard.document", gulls);
  trains_uri = put_record ("site.standard.document", trains);
  g_free (put_record ("site.standard.publication", publication));
}

static AdwDialog *
visible_dialog (BylineWindow *window)
{
  return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
}

static gboolean
account_dialog_closed (gpointer data)
{
  return BYLINE_IS_LIBRARY_DIALOG (visible_dialog (data));
}

typedef struct
{
  GtkWidget  *root;
  const char *title;
} RowQuery;

static gboolean
row_shown (gpointer data)
{
  RowQuery *query = data;
  GtkWidget *row = byline_test_find_row (query->root, ADW_TYPE_ACTION_ROW, query->title);

  return row != NULL && gtk_widget_get_mapped (row);
}

static gboolean
row_hidden (gpointer data)
{
  RowQuery *query = data;
  GtkWidget *row = byline_test_find_row (query->root, ADW_TYPE_ACTION_ROW, query->title);

  return row != NULL && !gtk_widget_get_visible (row);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;

  return FALSE;
}

static void
set_row_text (AdwDialog  *dialog,
              const char *title,
              const char *text)
{
  GtkWidget *row = byline_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

typedef struct
{
  BylineWindow *window;
  const char   *name;
} Opened;

static gboolean
article_open (gpointer data)
{
  Opened *opened = data;
  BylinePage *page = byline_window_get_page (opened->window);
  BylineDocument *document = page ? byline_page_get_document (page) : NULL;
  GFile *file = document ? byline_document_get_file (document) : NULL;
  g_autofree char *name = file ? g_file_get_basename (file) : NULL;
  gboolean loading = TRUE;

  if (g_strcmp0 (name, opened->name) != 0)
    return FALSE;
  g_object_get (document, "loading", &loading, NULL);

  return !loading && gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (document)) > 0 &&
         visible_dialog (opened->window) == NULL;
}

static gboolean
compare_loaded (gpointer data)
{
  return byline_compare_dialog_get_loaded (data);
}

/* Replaces the first @old of the article with @new, as typing would. */
static void
replace_word (GtkTextBuffer *buffer,
              const char    *old,
              const char    *new)
{
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, old, 0, &match_start, &match_end, NULL));
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &match_start, &match_end);
  gtk_text_buffer_insert (buffer, &match_start, new, -1);
  gtk_text_buffer_end_user_action (buffer);
}

static void
step_change (BylineCompareDialog *dialog,
             gboolean             next)
{
  if (byline_test_can_press_keys (GTK_WIDGET (dialog)))
    byline_test_press_keys (GTK_WIDGET (dialog), next ? GDK_KEY_Down : GDK_KEY_Up, GDK_ALT_MASK);
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog),
                                               next ? "compare.next" : "compare.previous", NULL));
}

/* Compare With Published…: a pulled article, edited, against its record; step through the
 * changes with the keys, revert one, then all, each one undoable edit. */
static void
compare_with_published (BylineWindow *window,
                        GFile        *parent)
{
  g_autoptr(JsonObject) lights = parse (
    "{\"$type\": \"site.standard.document\", \"title\": \"Harbour Lights\","
    " \"site\": \"https://example.com\", \"path\": \"/lights/\","
    " \"publishedAt\": \"2026-03-07T20:30:00.000Z\", \"textContent\": \"The lights.\","
    " \"content\": {\"$type\": \"at.markpub.markdown\", \"flavor\": \"gfm\","
    "  \"text\": {\"$type\": \"at.markpub.text\", \"markdown\":"
    "   \"The lights came on along the quay.\\n\\nA boat came in late.\\n\"}}}");
  g_autofree char *uri = put_record ("site.standard.document", lights);
  g_autoptr(BylineLibrary) library = byline_library_new (client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) fetched = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GFile) article = NULL;
  g_autoptr(GFile) base_dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *diff = NULL;
  g_autofree char *text = NULL;
  BylineCompareDialog *dialog;
  GtkTextBuffer *buffer;

  byline_library_pull_async (library, uri, parent, NULL, pds_store_result_cb, &result);
  article = byline_library_pull_finish (library, pds_wait_for (&result), &error);
  g_assert_no_error (error);
  base_dir = g_file_get_parent (article);
  byline_test_open_file (window, article);
  buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));

  /* Two words and the title edited here. */
  replace_word (buffer, "quay.", "harbour.");
  replace_word (buffer, "late.", "early.");
  byline_document_set_field (BYLINE_DOCUMENT (buffer), BYLINE_METADATA_FIELD_TITLE, "Harbour Lamps");
  byline_test_wait_for_idle ();

  byline_test_save_screenshot (GTK_WIDGET (window), "compare-before.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-published", NULL));
  dialog = BYLINE_COMPARE_DIALOG (visible_dialog (window));
  g_assert_true (BYLINE_IS_COMPARE_DIALOG (dialog));
  byline_test_wait_until (compare_loaded, dialog, "the published record");
  g_assert_nonnull (byline_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "title"));
  g_assert_cmpuint (byline_compare_dialog_get_n_fields (dialog), ==, 1);
  g_assert_cmpuint (byline_compare_dialog_get_n_changes (dialog), ==, 2);
  g_assert_cmpint (byline_compare_dialog_get_current (dialog), ==, -1);
  byline_test_save_screenshot (GTK_WIDGET (window), "compare-published.png");

  /* From change to change with Alt+Down and Alt+Up. */
  step_change (dialog, TRUE);
  g_assert_cmpint (byline_compare_dialog_get_current (dialog), ==, 0);
  step_change (dialog, TRUE);
  g_assert_cmpint (byline_compare_dialog_get_current (dialog), ==, 1);
  step_change (dialog, TRUE);
  g_assert_cmpint (byline_compare_dialog_get_current (dialog), ==, 1);
  step_change (dialog, FALSE);
  g_assert_cmpint (byline_compare_dialog_get_current (dialog), ==, 0);

  /* Revert the first: the published word is back, the other edit stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "compare.revert", NULL));
  text = byline_test_buffer_text (buffer);
  g_assert_nonnull (strstr (text, "The lights came on along the quay.\n\nA boat came in early."));
  g_assert_nonnull (strstr (text, "title: Harbour Lamps"));
  g_assert_cmpuint (byline_compare_dialog_get_n_changes (dialog), ==, 1);
  g_clear_pointer (&text, g_free);

  /* Revert All: the article is the published one again, in one undoable edit. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "compare.revert-all", NULL));
  g_assert_cmpuint (byline_compare_dialog_get_n_changes (dialog), ==, 0);
  g_assert_cmpuint (byline_compare_dialog_get_n_fields (dialog), ==, 0);
  text = byline_test_buffer_text (buffer);
  g_assert_nonnull (strstr (text, "A boat came in late."));
  g_assert_nonnull (strstr (text, "title: Harbour Lights"));

  byline_library_fetch_async (library, uri, NULL, pds_store_result_cb, &fetched);
  answer = byline_library_fetch_finish (library, pds_wait_for (&fetched), &error);
  g_assert_no_error (error);
  diff = byline_library_diff_article (text, strlen (text), base_dir, answer, "lights.md", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (diff, ==, "");
  g_clear_pointer (&text, g_free);

  gtk_text_buffer_undo (buffer);
  text = byline_test_buffer_text (buffer);
  g_assert_nonnull (strstr (text, "A boat came in early."));
  g_assert_nonnull (strstr (text, "title: Harbour Lamps"));
  g_assert_nonnull (strstr (text, "along the quay."));
  g_clear_pointer (&text, g_free);

  /* A field's own Revert button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "compare.revert-field", "s", "title"));
  text = byline_test_buffer_text (buffer);
  g_assert_nonnull (strstr (text, "title: Harbour Lights\n"));
  g_assert_cmpuint (byline_compare_dialog_get_n_fields (dialog), ==, 0);
  g_assert_cmpuint (byline_compare_dialog_get_n_changes (dialog), ==, 1);

  adw_dialog_force_close (ADW_DIALOG (dialog));
}

static void
test_library (void)
{
  g_autofree char *linked_path = g_build_filename (work_dir, "trains-here.md", NULL);
  g_autofree char *folder = g_build_filename (work_dir, "content", NULL);
  g_autofree char *draft = g_build_filename (folder, "draft.md", NULL);
  g_autofree char *pulled_parent = g_build_filename (work_dir, "articles", NULL);
  g_autofree char *cover = g_build_filename (pulled_parent, "gulls", "images", "cover.png", NULL);
  g_autofree char *linked_text = NULL;
  g_autoptr(GFile) linked_file = NULL;
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr(GFile) parent = g_file_new_for_path (pulled_parent);
  g_autoptr(BylineMetadata) metadata = byline_metadata_new ();
  g_autofree char *front_matter = NULL;
  g_autofree char *text = NULL;
  BylineWindow *window;
  AdwDialog *library;
  AdwDialog *account;
  GtkWidget *search;
  GtkWidget *gulls_row;
  RowQuery gulls = { NULL, "Gulls on the Wall" };
  RowQuery trains = { NULL, "Night Trains" };
  RowQuery harbour = { NULL, "Harbour Notes" };
  RowQuery draft_row = { NULL, "A Draft in the Folder" };
  Opened opened = { NULL, "gulls.md" };

  write_records ();

  /* An article on this machine linked to one of the documents, open in the window. */
  byline_metadata_set_title (metadata, "Night Trains");
  byline_metadata_set_record_uri (metadata, trains_uri);
  front_matter = byline_front_matter_serialize (metadata);
  linked_text = g_strconcat (front_matter, "Sleepers.\n", NULL);
  g_assert_true (g_file_set_contents (linked_path, linked_text, -1, NULL));
  linked_file = g_file_new_for_path (linked_path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (draft, "---\ntitle: A Draft in the Folder\n"
                                      "publishedAt: 2026-04-01T09:00:00.000Z\n---\nNot yet.\n", -1, NULL));

  window = BYLINE_WINDOW (byline_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_test_open_file (window, linked_file);

  /* Library… from the menu: not signed in (no keyring here), so sign in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.library", NULL));
  library = visible_dialog (window);
  g_assert_true (BYLINE_IS_LIBRARY_DIALOG (library));
  g_assert_true (has_label (GTK_WIDGET (library), "Not Signed In"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (library), "library.sign-in", NULL));
  account = visible_dialog (window);
  g_assert_true (account != library);
  set_row_text (account, "Handle or DID", "writer.test");
  set_row_text (account, "App Password", app_password);
  set_row_text (account, "Server Address (Optional)", pds_url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (account), "account.sign-in", NULL));
  byline_test_wait_until (account_dialog_closed, window, "the sign-in");

  /* The documents and the publication, loaded in the background; the editor stays usable. */
  gulls.root = trains.root = harbour.root = draft_row.root = GTK_WIDGET (library);
  byline_test_wait_until (row_shown, &gulls, "the documents");
  byline_test_wait_until (row_shown, &harbour, "the publications");
  g_assert_true (row_shown (&trains));
  gulls_row = byline_test_find_row (GTK_WIDGET (library), ADW_TYPE_ACTION_ROW, "Gulls on the Wall");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gulls_row)), "example.com/gulls/"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gulls_row)), "Leaflet"));
  g_assert_false (has_label (gulls_row, "Open Here"));
  g_assert_true (has_label (byline_test_find_row (GTK_WIDGET (library), ADW_TYPE_ACTION_ROW, "Night Trains"),
                            "Open Here"));
  byline_test_save_screenshot (GTK_WIDGET (window), "library.png");

  /* Search by title. */
  search = byline_test_find_widget (GTK_WIDGET (library), GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (search), "night");
  byline_test_wait_until (row_hidden, &gulls, "the search to hide the other documents");
  g_assert_true (row_shown (&trains));
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  byline_test_wait_until (row_shown, &gulls, "the search to be cleared");

  /* A local folder of articles, from their front matter. */
  byline_library_dialog_open_folder (BYLINE_LIBRARY_DIALOG (library), folder_file);
  byline_test_wait_until (row_shown, &draft_row, "the folder's articles");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                      byline_test_find_row (GTK_WIDGET (library), ADW_TYPE_ACTION_ROW,
                                            "A Draft in the Folder"))), "Not published"));
  byline_test_save_screenshot (GTK_WIDGET (window), "library-folder.png");

  /* Open a document: it lands in a folder of the chosen one, in a tab, with its images. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (library)));
  byline_library_dialog_pull (BYLINE_LIBRARY_DIALOG (library), gulls_uri, parent);
  opened.window = window;
  byline_test_wait_until (article_open, &opened, "the pulled article in a tab");
  text = byline_test_buffer_text (GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window))));
  g_assert_nonnull (strstr (text, gulls_uri));
  g_assert_nonnull (strstr (text, "coverImage: images/cover.png"));
  g_assert_nonnull (strstr (text, "![The wall](images/"));
  g_assert_true (g_file_test (cover, G_FILE_TEST_IS_REGULAR));

  compare_with_published (window, parent);

  byline_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* No keyring runs under the test's session bus: Byline warns that it cannot remember the
   * account, and carries on. Criticals stay fatal. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  if (argc < 2)
    {
      g_printerr ("usage: test-publish-library-ui SETUP-SCRIPT\n");
      return 2;
    }
  setup_script = argv[1];
  work_dir = g_dir_make_tmp ("byline-library-ui-XXXXXX", &error);
  g_assert_no_error (error);

  pds_start ();
  pds_create_account ();

  app = byline_test_app_start ("io.github.byline.Byline.LibraryTests");

  g_test_add_func ("/Byline/LibraryUI/library", test_library);
  status = byline_test_app_run ();

  pds_stop ();
  g_clear_object (&client);
  pds_remove_tree (work_dir);

  return status;
}
