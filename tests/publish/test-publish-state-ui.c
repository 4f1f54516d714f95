/* test-publish-state-ui.c
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

/* The header bar's state of an article against its record, in the real window against the
 * reference PDS: a pulled article is published and unchanged, an edit makes it changed here,
 * and a record changed on the PDS by another app shows as changed on the server once the
 * window checks again, as it does when focused. Runs under Xvfb and a private session bus. */

#include "config.h"

#include <string.h>

#include "byline-account.h"
#include "byline-application.h"
#include "byline-library.h"
#include "byline-test-utils.h"
#include "byline-tid.h"
#include "byline-window.h"
#include "byline-window-private.h"
#include "pds-fixture.h"

static BylineApplication *app;

static JsonObject *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Writes @json under @rkey of the document collection with a plain putRecord, as another
 * app would; returns its AT URI. */
static char *
put_document (const char *rkey,
              const char *json)
{
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (input, "repo", did);
  json_object_set_string_member (input, "collection", "site.standard.document");
  json_object_set_string_member (input, "rkey", rkey);
  json_object_set_object_member (input, "record", parse (json));
  answer = pds_call ("POST", "com.atproto.repo.putRecord", NULL, input, &error);
  g_assert_no_error (error);

  return g_strdup (json_object_get_string_member (answer, "uri"));
}

typedef struct
{
  BylineWindow *window;
  const char   *label;
} Shown;

static gboolean
state_shown (gpointer data)
{
  Shown *shown = data;
  BylinePublishState *state = _byline_window_get_publish_state (shown->window);

  return g_strcmp0 (byline_publish_state_get_label (state), shown->label) == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (state));
}

static gboolean
article_loaded (gpointer data)
{
  BylinePage *page = byline_window_get_page (data);
  BylineDocument *document = page ? byline_page_get_document (page) : NULL;
  gboolean loading = TRUE;

  if (document == NULL || byline_document_get_file (document) == NULL)
    return FALSE;
  g_object_get (document, "loading", &loading, NULL);

  return !loading;
}

#define RECORD(title) \
  "{\"$type\": \"site.standard.document\", \"title\": \"" title "\"," \
  " \"site\": \"https://example.com\", \"path\": \"/trains/\"," \
  " \"publishedAt\": \"2026-02-01T08:00:00.000Z\", \"textContent\": \"Sleepers.\"," \
  " \"content\": {\"$type\": \"at.markpub.markdown\", \"flavor\": \"gfm\"," \
  "  \"text\": {\"$type\": \"at.markpub.text\", \"markdown\": \"Sleepers.\"}}}"

static void
test_state (void)
{
  g_autofree char *rkey = byline_tid_next ();
  g_autofree char *uri = put_document (rkey, RECORD ("Night Trains"));
  g_autoptr(GFile) parent = g_file_new_for_path (work_dir);
  g_autoptr(BylineLibrary) library = byline_library_new (client);
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) article = NULL;
  g_autoptr(GError) error = NULL;
  BylinePublishState *state;
  BylineDocument *document;
  BylineWindow *window;
  GtkTextIter end;
  Shown shown;

  byline_account_sign_in_async ("writer.test", app_password, pds_url, plc_url, NULL,
                                pds_store_result_cb, &result);
  account = byline_account_sign_in_finish (pds_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  byline_library_pull_async (library, uri, parent, NULL, pds_store_result_cb, &result);
  article = byline_library_pull_finish (library, pds_wait_for (&result), &error);
  g_assert_no_error (error);

  window = BYLINE_WINDOW (byline_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  state = _byline_window_get_publish_state (window);
  /* No account yet, as after a restart: the record is public, read from its owner's server. */
  g_setenv ("BYLINE_PLC_DIRECTORY", plc_url, TRUE);
  byline_test_open_file (window, article);
  byline_test_wait_until (article_loaded, window, "the pulled article");

  /* Just pulled: the same as its record. */
  shown.window = window;
  shown.label = "Published";
  byline_test_wait_until (state_shown, &shown, "the article shown as published");

  /* An edit here. */
  document = byline_page_get_document (byline_window_get_page (window));
  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (document), &end);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (document), &end, "\nAnd a dining car.\n", -1);
  shown.label = "Changed Here";
  byline_test_wait_until (state_shown, &shown, "the article shown as changed here");
  byline_test_save_screenshot (GTK_WIDGET (window), "publish-state-changed-here.png");

  _byline_window_set_account (window, account);
  byline_test_wait_until (state_shown, &shown, "the article still shown as changed here");

  /* Signed in now; another app changes the record; the window checks again when it is focused (here
   * without waiting the usual minute since the last check). */
  g_free (put_document (rkey, RECORD ("Night Trains, Revised")));
  g_assert_true (gtk_window_is_active (GTK_WINDOW (window)));
  byline_publish_state_set_min_interval (state, 0);
  g_object_notify (G_OBJECT (window), "is-active");
  shown.label = "Changed on the Server";
  byline_test_wait_until (state_shown, &shown, "the article shown as changed on the server");
  byline_test_save_screenshot (GTK_WIDGET (window), "publish-state-changed-on-server.png");

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
      g_printerr ("usage: test-publish-state-ui SETUP-SCRIPT\n");
      return 2;
    }
  setup_script = argv[1];
  work_dir = g_dir_make_tmp ("byline-state-ui-XXXXXX", &error);
  g_assert_no_error (error);

  pds_start ();
  pds_create_account ();

  app = byline_test_app_start ("io.github.byline.Byline.PublishStateTests");

  g_test_add_func ("/Byline/PublishStateUI/state", test_state);
  status = byline_test_app_run ();

  pds_stop ();
  g_clear_object (&client);
  pds_remove_tree (work_dir);

  return status;
}
