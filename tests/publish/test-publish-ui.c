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
 * Runs under Xvfb and a private session bus (build-aux/dev test provides both). */

#include "config.h"

#include <string.h>

#include "byline-application.h"
#include "byline-front-matter.h"
#include "byline-test-utils.h"
#include "byline-window.h"
#include "pds-fixture.h"

static BylineApplication *app;

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
  AdwDialog *account_dialog;
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
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (publish_dialog), "publish.sign-in",
                                             NULL));
  account_dialog = visible_dialog (window);
  g_assert_true (account_dialog != publish_dialog);
  set_row_text (account_dialog, "Handle or DID", "writer.test");
  set_row_text (account_dialog, "App Password", app_password);
  set_row_text (account_dialog, "Server Address (Optional)", pds_url);
  byline_test_save_screenshot (GTK_WIDGET (window), "publish-sign-in.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (account_dialog), "account.sign-in",
                                             NULL));
  byline_test_wait_until (signed_in, window, "the sign-in");
  g_assert_true (visible_dialog (window) == publish_dialog);

  /* Make a publication for the article to belong to. */
  set_row_text (publish_dialog, "Name", "Window Notes");
  set_row_text (publish_dialog, "Address (https://…)", "https://window.example");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (publish_dialog),
                                             "publish.create-publication", NULL));
  byline_test_wait_until (site_is_publication, document, "the new publication as the site");

  /* Publish: the record address and CID land in the front matter. */
  p.document = document;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (publish_dialog), "publish.publish",
                                             NULL));
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
  g_assert_nonnull (find_widget (GTK_WIDGET (publish_dialog), ADW_TYPE_ACTION_ROW,
                                 "Published"));
  byline_test_save_screenshot (GTK_WIDGET (window), "publish-done.png");

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

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (publish_dialog), "publish.publish",
                                             NULL));
  byline_test_wait_until (alert_shown, window, "the conflict question");
  alert = visible_dialog (window);
  g_assert_nonnull (strstr (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (alert)),
                            "2026-11-02T10:00:00.000Z"));
  g_assert_nonnull (strstr (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (alert)),
                            "2026-03-05T20:30:00.000Z"));
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

  adw_dialog_force_close (publish_dialog);
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (document), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
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
      g_printerr ("usage: test-publish-ui SETUP-SCRIPT\n");
      return 2;
    }
  setup_script = argv[1];
  work_dir = g_dir_make_tmp ("byline-publish-ui-XXXXXX", &error);
  g_assert_no_error (error);

  pds_start ();
  pds_create_account ();

  app = byline_application_new ("io.github.byline.Byline.PublishTests", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/Byline/PublishUI/publish-from-window", test_publish_from_window);
  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  pds_stop ();
  g_clear_object (&client);
  pds_remove_tree (work_dir);

  return status;
}
