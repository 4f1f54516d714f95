/* test-publish-ui.c
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

/* Publishing from the real window against the reference PDS on 127.0.0.1, as a writer would:
 * Publish… from the menu, sign in with an app password, press Publish, see the record address
 * land in the front matter; then a conflicting edit on the server, answered by replacing it.
 * Byline talks to the PDS through a small proxy in this test, which can hold one kind of
 * request until the test lets it through: that keeps a publish in progress for as long as
 * the test types into the editor or cancels it, with no clock involved.
 * Runs under Xvfb and a private session bus (build-aux/dev test provides both). */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "byline-application.h"
#include "byline-front-matter.h"
#include "byline-publish-job.h"
#include "byline-record.h"
#include "byline-test-utils.h"
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

/* The proxy: every request goes on to the PDS, except those to hold_path, which wait in
 * held until release_held(). */
static SoupServer *proxy;
static SoupSession *proxy_session;
static char *proxy_url;
static const char *hold_path;
static GPtrArray *held;

static void
forwarded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SoupServerMessage) msg = user_data;
  SoupMessage *upstream = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                               &error);

  if (body == NULL)
    soup_server_message_set_status (msg, 502, NULL);
  else
    {
      const char *type = soup_message_headers_get_content_type (
                           soup_message_get_response_headers (upstream), NULL);

      soup_server_message_set_status (msg, soup_message_get_status (upstream), NULL);
      soup_server_message_set_response (msg, type ? type : "application/octet-stream",
                                        SOUP_MEMORY_COPY, g_bytes_get_data (body, NULL),
                                        g_bytes_get_size (body));
    }
  soup_server_message_unpause (msg);
}

static void
copy_header (const char         *name,
             const char         *value,
             SoupMessageHeaders *to)
{
  if (g_ascii_strcasecmp (name, "Host") != 0
      && g_ascii_strcasecmp (name, "Content-Length") != 0
      && g_ascii_strcasecmp (name, "Connection") != 0
      && g_ascii_strcasecmp (name, "Accept-Encoding") != 0)
    soup_message_headers_append (to, name, value);
}

static void
forward (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  g_autofree char *url = g_strdup_printf ("%s%s%s%s", pds_url, g_uri_get_path (uri),
                                          query ? "?" : "", query ? query : "");
  g_autoptr(SoupMessage) upstream = soup_message_new (soup_server_message_get_method (msg), url);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  soup_message_headers_foreach (soup_server_message_get_request_headers (msg),
                                (SoupMessageHeadersForeachFunc)copy_header,
                                soup_message_get_request_headers (upstream));
  if (body->length > 0)
    {
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

      soup_message_set_request_body_from_bytes (upstream, NULL, bytes);
    }
  soup_session_send_and_read_async (proxy_session, upstream, G_PRIORITY_DEFAULT, NULL,
                                    forwarded_cb, g_object_ref (msg));
}

static void
proxy_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  soup_server_message_pause (msg);
  if (hold_path != NULL && g_str_equal (path, hold_path))
    g_ptr_array_add (held, g_object_ref (msg));
  else
    forward (msg);
}

/* Lets the held requests through to the PDS, or answers them with an error when the client
 * has gone. */
static void
release_held (gboolean forward_them)
{
  hold_path = NULL;
  for (guint i = 0; i < held->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (held, i);

      if (forward_them)
        forward (msg);
      else
        {
          soup_server_message_set_status (msg, 503, NULL);
          soup_server_message_unpause (msg);
        }
    }
  g_ptr_array_set_size (held, 0);
}

static gboolean
request_held (gpointer data)
{
  return held->len > 0;
}

static void
proxy_start (void)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  held = g_ptr_array_new_with_free_func (g_object_unref);
  proxy_session = soup_session_new ();
  proxy = soup_server_new (NULL, NULL);
  soup_server_add_handler (proxy, NULL, proxy_cb, NULL, NULL);
  soup_server_listen_local (proxy, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (proxy);
  proxy_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
}

static void
proxy_stop (void)
{
  release_held (FALSE);
  soup_server_disconnect (proxy);
  g_clear_object (&proxy);
  g_clear_object (&proxy_session);
  g_clear_pointer (&held, g_ptr_array_unref);
  g_clear_pointer (&proxy_url, g_free);
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *title)
{
  const char *text = NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      if (ADW_IS_PREFERENCES_ROW (widget))
        text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      else if (GTK_IS_BUTTON (widget))
        text = gtk_button_get_label (GTK_BUTTON (widget));
      if (g_strcmp0 (text, title) == 0)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwDialog *
visible_dialog (BylineWindow *window)
{
  return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
}

static gboolean
document_loaded (gpointer data)
{
  BylineDocument *document = data;
  gboolean loading = TRUE;

  g_object_get (document, "loading", &loading, NULL);

  return !loading && gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (document)) > 0;
}

static BylineMetadata *
buffer_metadata (BylineDocument *document)
{
  g_autoptr(GBytes) text = byline_document_dup_text (document);
  gsize len;
  const char *data = g_bytes_get_data (text, &len);

  return byline_front_matter_parse (data, len, NULL, NULL);
}

static gboolean
signed_in (gpointer data)
{
  AdwDialog *dialog = visible_dialog (data);

  return dialog != NULL && find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                                        "writer.test") != NULL;
}

typedef struct
{
  BylineDocument *document;
  char           *old_cid;
} Published;

static gboolean
published (gpointer data)
{
  Published *p = data;
  g_autoptr(BylineMetadata) metadata = buffer_metadata (p->document);

  return metadata != NULL && byline_metadata_get_record_cid (metadata) != NULL
         && g_strcmp0 (byline_metadata_get_record_cid (metadata), p->old_cid) != 0;
}

static gboolean
site_is_publication (gpointer data)
{
  g_autoptr(BylineMetadata) metadata = buffer_metadata (data);

  return metadata != NULL && g_str_has_prefix (byline_metadata_get_site (metadata), "at://");
}

static gboolean
alert_shown (gpointer data)
{
  return ADW_IS_ALERT_DIALOG (visible_dialog (data));
}

static JsonObject *
get_record (const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *repo = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *rkey = NULL;
  g_autofree char *query = NULL;
  JsonObject *answer;

  g_assert_true (byline_xrpc_parse_at_uri (uri, &repo, &collection, &rkey));
  query = g_strdup_printf ("repo=%s&collection=%s&rkey=%s", repo, collection, rkey);
  answer = pds_call ("GET", "com.atproto.repo.getRecord", query, NULL, &error);
  g_assert_no_error (error);

  return answer;
}

static void
set_row_text (AdwDialog  *dialog,
              const char *title,
              const char *text)
{
  GtkWidget *row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
sign_in (BylineWindow *window)
{
  AdwDialog *publish_dialog = visible_dialog (window);
  AdwDialog *account_dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (publish_dialog), "publish.sign-in",
                                             NULL));
  account_dialog = visible_dialog (window);
  g_assert_true (account_dialog != publish_dialog);
  /* The dialog offers the browser first; the app password is one button away. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (account_dialog),
                                             "account.use-app-password", NULL));
  set_row_text (account_dialog, "Handle or DID", "writer.test");
  set_row_text (account_dialog, "App Password", app_password);
  set_row_text (account_dialog, "Server Address (Optional)", proxy_url);
  byline_test_save_screenshot (GTK_WIDGET (window), "publish-sign-in.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (account_dialog), "account.sign-in",
                                             NULL));
  byline_test_wait_until (signed_in, window, "the sign-in");
  g_assert_true (visible_dialog (window) == publish_dialog);
}

/* Publish… from the menu, signed in (again, when no keyring remembers the account). */
static AdwDialog *
open_publish_dialog (BylineWindow *window)
{
  AdwDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  dialog = visible_dialog (window);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (dialog, g_type_from_name ("BylinePublishDialog")));
  if (!signed_in (window))
    sign_in (window);

  return dialog;
}

static gboolean
no_visible_dialog (gpointer data)
{
  return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (data)) == NULL;
}

/* Presses Publish: the dialog closes at once and the window publishes. */
static void
press_publish (BylineWindow *window,
               AdwDialog    *dialog)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "publish.publish", NULL));
  g_assert_null (visible_dialog (window));
}

static void
test_publish_from_window (void)
{
  g_autofree char *path = g_build_filename (work_dir, "window.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(JsonObject) put = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rkey = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *first_cid = NULL;
  BylineWindow *window;
  BylineDocument *document;
  AdwDialog *publish_dialog;
  AdwDialog *alert;
  GtkWidget *replace;
  JsonObject *value;
  Published p = { 0 };

  g_assert_true (g_file_set_contents (path,
                                      "---\n"
                                      "title: Published From the Window\n"
                                      "site: https://example.com\n"
                                      "path: /window/\n"
                                      "publishedAt: 2026-03-05T20:30:00.000Z\n"
                                      "---\n"
                                      "\n"
                                      "Written in Byline.\n", -1, NULL));

  window = BYLINE_WINDOW (byline_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_window_open_file (window, file);
  document = byline_page_get_document (byline_window_get_page (window));
  byline_test_wait_until (document_loaded, document, "the article to load");

  /* Publish… from the menu, then sign in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  publish_dialog = visible_dialog (window);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (publish_dialog,
                                             g_type_from_name ("BylinePublishDialog")));
  g_assert_nonnull (find_widget (GTK_WIDGET (publish_dialog), ADW_TYPE_ACTION_ROW,
                                 "Not published yet"));
  sign_in (window);

  /* Make a publication for the article to belong to. */
  set_row_text (publish_dialog, "Name", "Window Notes");
  set_row_text (publish_dialog, "Address (https://…)", "https://window.example");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (publish_dialog),
                                             "publish.create-publication", NULL));
  byline_test_wait_until (site_is_publication, document, "the new publication as the site");

  /* Publish: the record address and CID land in the front matter. */
  p.document = document;
  press_publish (window, publish_dialog);
  byline_test_wait_until (published, &p, "the record address in the front matter");
  metadata = buffer_metadata (document);
  uri = g_strdup (byline_metadata_get_record_uri (metadata));
  first_cid = g_strdup (byline_metadata_get_record_cid (metadata));
  g_assert_true (g_str_has_prefix (uri, "at://did:plc:"));
  record = get_record (uri);
  g_assert_cmpstr (json_object_get_string_member (record, "cid"), ==, first_cid);
  value = json_object_get_object_member (record, "value");
  g_assert_cmpstr (json_object_get_string_member (value, "title"), ==,
                   "Published From the Window");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (value, "site"), "at://"));
  g_assert_cmpstr (json_object_get_string_member (value, "site"), ==,
                   byline_metadata_get_site (metadata));
  byline_test_save_screenshot (GTK_WIDGET (window), "publish-done.png");
  publish_dialog = open_publish_dialog (window);
  g_assert_nonnull (find_widget (GTK_WIDGET (publish_dialog), ADW_TYPE_ACTION_ROW,
                                 "Published"));

  /* Someone edits the record elsewhere; publishing again asks before replacing it. */
  json_object_set_string_member (value, "title", "Edited Elsewhere");
  json_object_set_string_member (value, "updatedAt", "2026-11-02T10:00:00.000Z");
  byline_xrpc_parse_at_uri (uri, NULL, NULL, &rkey);
  json_object_set_string_member (input, "repo", did);
  json_object_set_string_member (input, "collection", "site.standard.document");
  json_object_set_string_member (input, "rkey", rkey);
  json_object_set_object_member (input, "record", json_object_ref (value));
  put = pds_call ("POST", "com.atproto.repo.putRecord", NULL, input, &error);
  g_assert_no_error (error);

  press_publish (window, publish_dialog);
  byline_test_wait_until (alert_shown, window, "the conflict question");
  alert = visible_dialog (window);
  /* What differs, and both versions' times, in words and in the local time zone
   * (Europe/Berlin here). */
  g_assert_nonnull (strstr (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (alert)),
                            "Title: “Edited Elsewhere”"));
  g_assert_nonnull (strstr (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (alert)),
                            "says it was updated 2 November 2026, 11:00"));
  g_assert_nonnull (strstr (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (alert)),
                            "last published it 5 March 2026, 21:30"));
  g_assert_null (strstr (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (alert)), "2026-"));
  byline_test_save_screenshot (GTK_WIDGET (window), "publish-conflict.png");
  replace = find_widget (GTK_WIDGET (alert), GTK_TYPE_BUTTON, "_Replace It With This Article");
  g_assert_nonnull (replace);
  g_signal_emit_by_name (replace, "clicked");

  p.old_cid = first_cid;
  byline_test_wait_until (published, &p, "the replacing publish");
  g_clear_object (&metadata);
  metadata = buffer_metadata (document);
  g_assert_cmpstr (byline_metadata_get_record_uri (metadata), ==, uri);
  g_clear_pointer (&record, json_object_unref);
  record = get_record (uri);
  g_assert_cmpstr (json_object_get_string_member (record, "cid"), ==,
                   byline_metadata_get_record_cid (metadata));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (record, "value"),
                                                  "title"), ==, "Published From the Window");

  byline_test_close_window (window);
}

static GtkWidget *
find_by_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
bar_revealed (GtkWidget *bar)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (find_by_type (bar, GTK_TYPE_REVEALER)));
}

/* The step in words: the bar's first label (the Cancel button's comes after it). */
static const char *
bar_step (GtkWidget *bar)
{
  return gtk_label_get_label (GTK_LABEL (find_by_type (bar, GTK_TYPE_LABEL)));
}

static gboolean
publish_ended (gpointer data)
{
  return byline_publish_job_get_for_document (data) == NULL;
}

static char *
buffer_text (BylineDocument *document)
{
  g_autoptr(GBytes) text = byline_document_dup_text (document);

  return g_strndup (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
}

static guint
count_documents (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *query = g_strdup_printf ("repo=%s&collection=site.standard.document&limit=100",
                                            did);
  g_autoptr(JsonObject) answer = pds_call ("GET", "com.atproto.repo.listRecords", query, NULL,
                                           &error);

  g_assert_no_error (error);

  return json_array_get_length (json_object_get_array_member (answer, "records"));
}

static void
type_at_end (BylineWindow   *window,
             BylineDocument *document,
             const char     *text)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (document), &end);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (document), &end);
  byline_test_type_text (window, text);
}

/* Publishing runs in the window while the writer keeps writing: cancelled during the cover
 * upload it leaves the article as it was; completed, it stores the record's address in the
 * front matter around what was typed meanwhile, as one undoable edit, and the record holds
 * the text as it was when Publish was pressed. */
static void
test_publish_in_background (void)
{
  static const char *original =
    "---\n"
    "title: Written While Publishing\n"
    "site: https://example.com\n"
    "path: /background/\n"
    "coverImage: cover.png\n"
    "---\n"
    "\n"
    "The first draft.\n";
  g_autofree char *path = g_build_filename (work_dir, "background.md", NULL);
  g_autofree char *cover = g_build_filename (work_dir, "cover.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *record_json = NULL;
  BylineWindow *window;
  BylineDocument *document;
  AdwDialog *dialog;
  GtkWidget *bar;
  GtkWidget *cancel;
  guint n_documents;
  Published p = { 0 };

  g_assert_true (g_file_set_contents (cover, (const char *)png, sizeof png, NULL));
  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  window = BYLINE_WINDOW (byline_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_window_open_file (window, file);
  document = byline_page_get_document (byline_window_get_page (window));
  byline_test_wait_until (document_loaded, document, "the article to load");
  bar = find_by_type (GTK_WIDGET (window), g_type_from_name ("BylinePublishBar"));
  g_assert_nonnull (bar);
  g_assert_false (bar_revealed (bar));
  cancel = find_widget (bar, GTK_TYPE_BUTTON, "_Cancel");
  g_assert_nonnull (cancel);
  n_documents = count_documents ();

  /* The cover upload waits at the server: the progress shows, and the writer writes on. */
  dialog = open_publish_dialog (window);
  hold_path = "/xrpc/com.atproto.repo.uploadBlob";
  press_publish (window, dialog);
  byline_test_wait_until (request_held, NULL, "the cover upload to reach the server");
  g_assert_true (bar_revealed (bar));
  g_assert_cmpstr (bar_step (bar), ==, "Uploading cover…");
  g_assert_true (gtk_widget_is_sensitive (cancel));
  text = buffer_text (document);
  type_at_end (window, document, "\nTyped during the upload.");
  g_assert_nonnull (byline_publish_job_get_for_document (document));
  expected = g_strconcat (text, "\nTyped during the upload.", NULL);
  g_clear_pointer (&text, g_free);
  text = buffer_text (document);
  g_assert_cmpstr (text, ==, expected);
  byline_test_save_screenshot (GTK_WIDGET (window), "publish-progress.png");

  /* Cancel: the article is exactly as the writer left it, and nothing was published. */
  g_signal_emit_by_name (cancel, "clicked");
  byline_test_wait_until (publish_ended, document, "the publish to stop");
  release_held (FALSE);
  g_assert_false (bar_revealed (bar));
  g_clear_pointer (&text, g_free);
  text = buffer_text (document);
  g_assert_cmpstr (text, ==, expected);
  g_assert_null (visible_dialog (window));
  g_assert_cmpuint (count_documents (), ==, n_documents);

  /* Publish again; this time the record's write waits at the server. It cannot be cancelled
   * any more, and the writer types on. */
  dialog = open_publish_dialog (window);
  hold_path = "/xrpc/com.atproto.repo.putRecord";
  press_publish (window, dialog);
  byline_test_wait_until (request_held, NULL, "the record to reach the server");
  g_assert_true (bar_revealed (bar));
  g_assert_cmpstr (bar_step (bar), ==, "Writing record…");
  g_assert_false (gtk_widget_is_sensitive (cancel));
  type_at_end (window, document, "\nTyped while the record is written.");

  /* Closing the article now would lose the address the publish writes into it: it stays
   * open, and says why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-page", NULL));
  g_assert_true (ADW_IS_ALERT_DIALOG (visible_dialog (window)));
  g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (visible_dialog (window))), ==,
                   "The Article Is Being Published");
  g_assert_true (byline_page_get_document (byline_window_get_page (window)) == document);
  adw_dialog_force_close (visible_dialog (window));
  byline_test_wait_until (no_visible_dialog, window, "the dialog to close");

  release_held (TRUE);
  p.document = document;
  byline_test_wait_until (published, &p, "the record address in the front matter");
  g_assert_false (bar_revealed (bar));
  g_assert_cmpuint (count_documents (), ==, n_documents + 1);

  /* The front matter has the address, and everything typed is still there. */
  metadata = buffer_metadata (document);
  g_assert_true (g_str_has_prefix (byline_metadata_get_record_uri (metadata), "at://"));
  g_assert_cmpstr (byline_metadata_get_title (metadata), ==, "Written While Publishing");
  g_clear_pointer (&text, g_free);
  text = buffer_text (document);
  g_assert_true (g_str_has_suffix (text, "The first draft.\nTyped during the upload.\n"
                                         "Typed while the record is written."));

  /* The record is the text as it was when Publish was pressed. */
  record = get_record (byline_metadata_get_record_uri (metadata));
  g_assert_cmpstr (json_object_get_string_member (record, "cid"), ==,
                   byline_metadata_get_record_cid (metadata));
  value = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (value, json_object_get_object_member (record, "value"));
  record_json = json_to_string (value, FALSE);
  g_assert_nonnull (strstr (record_json, "Typed during the upload."));
  g_assert_null (strstr (record_json, "Typed while the record is written."));

  /* Storing the address was one edit of the document: undo takes it back alone. */
  gtk_text_buffer_undo (GTK_TEXT_BUFFER (document));
  g_clear_object (&metadata);
  metadata = buffer_metadata (document);
  g_assert_null (byline_metadata_get_record_uri (metadata));
  g_clear_pointer (&text, g_free);
  text = buffer_text (document);
  g_assert_true (g_str_has_suffix (text, "Typed while the record is written."));

  byline_test_close_window (window);
}

static gboolean
find_label (GtkWidget  *widget,
            const char *needle)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, needle))
      return TRUE;

  return FALSE;
}

static gboolean
kept_toast_shown (gpointer data)
{
  return find_label (data, "now holds the published version");
}

/* The record was edited on the server: publishing says what differs (the fields and how many
 * words), and Keep the Published Version brings that version into the article as one edit,
 * which Ctrl+Z takes back. */
static void
test_keep_published_version (void)
{
  g_autofree char *path = g_build_filename (work_dir, "keep.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(JsonObject) put = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rkey = NULL;
  g_autofree char *before_keep = NULL;
  g_autofree char *text = NULL;
  g_autofree char *undone = NULL;
  BylineWindow *window;
  BylineDocument *document;
  AdwDialog *dialog;
  AdwDialog *alert;
  GtkWidget *keep;
  JsonObject *value;
  JsonObject *holder;
  const char *member;
  const char *body;
  Published p = { 0 };

  g_assert_true (g_file_set_contents (path,
                                      "---\n"
                                      "title: Kept or Replaced\n"
                                      "site: https://example.com\n"
                                      "path: /kept/\n"
                                      "# The writer's own note stays.\n"
                                      "draftNote: mine\n"
                                      "---\n"
                                      "\n"
                                      "The harbour wakes before the town does.\n", -1, NULL));

  window = BYLINE_WINDOW (byline_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_window_open_file (window, file);
  document = byline_page_get_document (byline_window_get_page (window));
  byline_test_wait_until (document_loaded, document, "the article to load");

  dialog = open_publish_dialog (window);
  p.document = document;
  press_publish (window, dialog);
  byline_test_wait_until (published, &p, "the first publish");
  metadata = buffer_metadata (document);

  /* Edited on the server: another title, one word changed and two added. */
  record = get_record (byline_metadata_get_record_uri (metadata));
  value = json_object_get_object_member (record, "value");
  json_object_set_string_member (value, "title", "Kept From the Server");
  g_assert_true (_byline_record_find_markdown (json_object_get_object_member (value, "content"),
                                               &holder, &member));
  json_object_set_string_member (holder, member,
                                 "\nThe harbour wakes long before the old town does.\n");
  json_object_set_string_member (value, "textContent",
                                 "The harbour wakes long before the old town does.");
  byline_xrpc_parse_at_uri (byline_metadata_get_record_uri (metadata), NULL, NULL, &rkey);
  json_object_set_string_member (input, "repo", did);
  json_object_set_string_member (input, "collection", "site.standard.document");
  json_object_set_string_member (input, "rkey", rkey);
  json_object_set_object_member (input, "record", json_object_ref (value));
  put = pds_call ("POST", "com.atproto.repo.putRecord", NULL, input, &error);
  g_assert_no_error (error);

  /* The writer edits here too, then publishes. */
  type_at_end (window, document, "\nGulls first.");
  dialog = open_publish_dialog (window);
  press_publish (window, dialog);
  byline_test_wait_until (alert_shown, window, "the conflict question");
  alert = visible_dialog (window);
  body = adw_alert_dialog_get_body (ADW_ALERT_DIALOG (alert));
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "Title: “Kept From the Server”"));
  /* "long" and "old" there; "Gulls first." only here. */
  g_assert_nonnull (strstr (body, "Text: 2 words added, 2 removed"));
  g_assert_null (strstr (body, "Path:"));
  byline_test_save_screenshot (GTK_WIDGET (window), "publish-conflict-summary.png");

  before_keep = buffer_text (document);
  keep = find_widget (GTK_WIDGET (alert), GTK_TYPE_BUTTON, "_Keep the Published Version");
  g_assert_nonnull (keep);
  g_signal_emit_by_name (keep, "clicked");
  byline_test_wait_until (no_visible_dialog, window, "the alert to close");
  byline_test_wait_until (kept_toast_shown, window, "the toast saying the version was kept");

  /* The published text and title, the server's version to replace next time, and the rest
   * of the front matter as it was. */
  text = buffer_text (document);
  g_assert_true (g_str_has_suffix (text,
                                   "---\n\nThe harbour wakes long before the old town does."));
  g_assert_null (strstr (text, "Gulls first."));
  g_assert_nonnull (strstr (text, "# The writer's own note stays.\ndraftNote: mine\n"));
  g_clear_object (&metadata);
  metadata = buffer_metadata (document);
  g_assert_cmpstr (byline_metadata_get_title (metadata), ==, "Kept From the Server");
  g_assert_cmpstr (byline_metadata_get_record_cid (metadata), ==,
                   json_object_get_string_member (put, "cid"));

  /* One edit: Ctrl+Z brings the writer's text back whole. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (byline_page_get_view (
                                               byline_window_get_page (window))),
                                             "text.undo", NULL));
  undone = buffer_text (document);
  g_assert_cmpstr (undone, ==, before_keep);

  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (document), FALSE);
  byline_test_close_window (window);
}

static gboolean
content_format_is_leaflet (gpointer data)
{
  g_autoptr(BylineMetadata) metadata = buffer_metadata (data);

  return metadata != NULL &&
         g_strcmp0 (byline_metadata_get_string (metadata, BYLINE_METADATA_FIELD_CONTENT_FORMAT),
                    "leaflet") == 0;
}

/* A new publication on leaflet.pub, made the article's site from the publish dialog, makes
 * the article's content format Leaflet blocks (it named none), as publishing would; the side
 * panel says so before anything is published. */
static void
test_leaflet_publication_format (void)
{
  g_autofree char *path = g_build_filename (work_dir, "leaflet-format.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BylineMetadata) metadata = NULL;
  BylineDocument *document;
  BylineWindow *window;
  AdwDialog *publish_dialog;

  g_assert_true (g_file_set_contents (path, "---\ntitle: For the Leaflet\nsite: https://example.com\n---\n\nWords.\n", -1, NULL));
  window = BYLINE_WINDOW (byline_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_window_open_file (window, file);
  document = byline_page_get_document (byline_window_get_page (window));
  byline_test_wait_until (document_loaded, document, "the article to load");

  publish_dialog = open_publish_dialog (window);
  set_row_text (publish_dialog, "Name", "Window Leaflet");
  set_row_text (publish_dialog, "Address (https://…)", "https://window.leaflet.pub");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (publish_dialog),
                                             "publish.create-publication", NULL));
  byline_test_wait_until (site_is_publication, document, "the new publication as the site");
  byline_test_wait_until (content_format_is_leaflet, document, "contentFormat: leaflet");

  adw_dialog_force_close (publish_dialog);
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (document), FALSE);
  byline_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* The conflict shows times in the local time zone: a known one, set before GLib reads it. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);
  /* No keyring runs under the test's session bus: Byline warns that it cannot remember the
   * account, and carries on. Criticals stay fatal. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  if (argc < 2)
    {
      g_printerr ("usage: test-publish-ui SETUP-SCRIPT\n");
      return 2;
    }
  setup_script = argv[1];
  work_dir = g_dir_make_tmp ("byline-publish-ui-XXXXXX", &error);
  g_assert_no_error (error);

  pds_start ();
  pds_create_account ();
  proxy_start ();

  app = byline_test_app_start ("io.github.byline.Byline.PublishTests");

  g_test_add_func ("/Byline/PublishUI/publish-from-window", test_publish_from_window);
  g_test_add_func ("/Byline/PublishUI/publish-in-background", test_publish_in_background);
  g_test_add_func ("/Byline/PublishUI/keep-published-version", test_keep_published_version);
  g_test_add_func ("/Byline/PublishUI/leaflet-publication-format", test_leaflet_publication_format);
  status = byline_test_app_run ();

  proxy_stop ();
  pds_stop ();
  g_clear_object (&client);
  pds_remove_tree (work_dir);

  return status;
}
