/* test-oauth-ui.c
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

/* Signing in with a browser from the real window, against the reference PDS's authorization
 * server: Publish… from the menu, Sign In, the server's address typed, the consent page
 * accepted in a headless chromium, then a publish with the OAuth session, and signing out,
 * which revokes the session and empties the keyring. Runs under Xvfb and a session bus
 * (build-aux/dev test provides both), with its own unlocked keyring. */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>

#include "byline-account.h"
#include "byline-application.h"
#include "byline-front-matter.h"
#include "byline-test-utils.h"
#include "byline-window.h"
#include "oauth-tools.h"
#include "pds-fixture.h"

static BylineApplication *app;
static const char *tools_script;
static char *tools_dir;
static GSubprocess *keyring;

static void
name_appeared_cb (GDBusConnection *bus,
                  const char      *name,
                  const char      *owner,
                  gpointer         data)
{
  *(gboolean *)data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
start_keyring (void)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                               | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_build_filename (work_dir, "data", NULL);
  g_autofree char *run = g_build_filename (work_dir, "run", NULL);
  gboolean appeared = FALSE;
  guint watch;

  g_assert_cmpint (g_mkdir_with_parents (run, 0700), ==, 0);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", run, TRUE);
  /* The daemon goes when the test does, even when an assertion ends it. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--foreground",
                                         "--replace", "--unlock", "--components=secrets", NULL);
  g_assert_no_error (error);
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (keyring), "test-password", 13, NULL,
                             NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (g_subprocess_get_stdin_pipe (keyring), NULL, NULL);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  watch = g_bus_watch_name_on_connection (bus, "org.freedesktop.secrets",
                                          G_BUS_NAME_WATCHER_FLAGS_NONE, name_appeared_cb, NULL,
                                          &appeared, NULL);
  byline_test_wait_until (is_true, &appeared, "the keyring");
  g_bus_unwatch_name (watch);
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
  gboolean loading = TRUE;

  g_object_get (data, "loading", &loading, NULL);

  return !loading && gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (data)) > 0;
}

static gboolean
signed_in (gpointer data)
{
  AdwDialog *dialog = visible_dialog (data);

  return dialog != NULL && find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                                        "writer.test") != NULL;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
has_authorization_uri (gpointer data)
{
  g_autofree char *uri = NULL;

  g_object_get (data, "authorization-uri", &uri, NULL);

  return uri != NULL;
}

static gboolean
published (gpointer data)
{
  g_autoptr(GBytes) text = byline_document_dup_text (data);
  gsize len;
  const char *chars = g_bytes_get_data (text, &len);
  g_autoptr(BylineMetadata) metadata = byline_front_matter_parse (chars, len, NULL, NULL);

  return metadata != NULL && byline_metadata_get_record_uri (metadata) != NULL;
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

static void
consent (const char *url)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) browser = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "oauth", "consent.mjs", NULL);
  g_autofree char *page = NULL;

  g_subprocess_launcher_setenv (launcher, "BYLINE_OAUTH_TOOLS", tools_dir, TRUE);
  browser = g_subprocess_launcher_spawn (launcher, &error, "node", script, url,
                                         "account-password-long", "approve", "writer.test", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (browser, NULL, NULL, pds_store_result_cb, &result);
  byline_test_wait_until (result_arrived, &result, "the browser");
  g_subprocess_communicate_utf8_finish (browser, result, &page, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("browser: %s", page);
  g_assert_true (g_subprocess_get_successful (browser));
  g_assert_true (g_str_has_prefix (page, "http://127.0.0.1:"));
}

/* The accounts in the keyring; %NULL when an item went away while they were listed. */
static gboolean
account_dialog_shown (gpointer data)
{
  AdwDialog *dialog = visible_dialog (data);

  return dialog != NULL
         && G_TYPE_CHECK_INSTANCE_TYPE (dialog, g_type_from_name ("BylineAccountDialog"));
}

static gboolean
alert_shown (gpointer data)
{
  return ADW_IS_ALERT_DIALOG (visible_dialog (data));
}

/* In the account dialog: the server's address, Sign In With Browser, the consent page. */
static void
sign_in_with_browser (AdwDialog *account_dialog)
{
  GtkWidget *handle_row = find_widget (GTK_WIDGET (account_dialog), ADW_TYPE_ENTRY_ROW,
                                       "Handle or Server Address");
  g_autofree char *uri = NULL;

  g_assert_nonnull (handle_row);
  gtk_editable_set_text (GTK_EDITABLE (handle_row), pds_url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (account_dialog),
                                             "account.sign-in-browser", NULL));
  byline_test_wait_until (has_authorization_uri, account_dialog, "the authorization address");
  g_object_get (account_dialog, "authorization-uri", &uri, NULL);
  consent (uri);
}

static GListModel *
try_kept_accounts (void)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_account_list_async (NULL, pds_store_result_cb, &result);
  byline_test_wait_until (result_arrived, &result, "the keyring's accounts");

  return byline_account_list_finish (result, NULL);
}

static GListModel *
kept_accounts (void)
{
  GListModel *accounts = try_kept_accounts ();

  g_assert_nonnull (accounts);

  return accounts;
}

static void
test_sign_in_with_browser (void)
{
  g_autofree char *path = g_build_filename (work_dir, "oauth.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(BylineXrpcClient) account_client = NULL;
  g_autoptr(BylineOAuthSession) copy = NULL;
  g_autoptr(BylineXrpcClient) stale = byline_xrpc_client_new (NULL);
  g_autoptr(GAsyncResult) resumed = NULL;
  g_autoptr(GAsyncResult) called = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *json = NULL;
  BylineWindow *window;
  BylineDocument *document;
  AdwDialog *publish_dialog;
  AdwDialog *account_dialog;
  GtkWidget *handle_row;

  g_assert_true (g_file_set_contents (path,
                                      "---\n"
                                      "title: Signed In With a Browser\n"
                                      "site: https://example.com\n"
                                      "path: /oauth/\n"
                                      "publishedAt: 2026-03-05T20:30:00.000Z\n"
                                      "---\n"
                                      "\n"
                                      "No app password.\n", -1, NULL));
  window = BYLINE_WINDOW (byline_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_window_open_file (window, file);
  document = byline_page_get_document (byline_window_get_page (window));
  byline_test_wait_until (document_loaded, document, "the article to load");

  /* Publish…, Sign In: the browser page comes first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  publish_dialog = visible_dialog (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (publish_dialog), "publish.sign-in",
                                             NULL));
  account_dialog = visible_dialog (window);
  handle_row = find_widget (GTK_WIDGET (account_dialog), ADW_TYPE_ENTRY_ROW,
                            "Handle or Server Address");
  g_assert_nonnull (handle_row);
  byline_test_wait_until (is_mapped, handle_row, "the browser page");
  byline_test_wait_for_label (GTK_WIDGET (account_dialog), "development client");
  gtk_editable_set_text (GTK_EDITABLE (handle_row), pds_url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (account_dialog),
                                             "account.sign-in-browser", NULL));
  byline_test_wait_until (has_authorization_uri, account_dialog, "the authorization address");
  byline_test_wait_for_label (GTK_WIDGET (account_dialog), "Finish signing in in your browser");
  byline_test_save_screenshot (GTK_WIDGET (window), "oauth-sign-in-waiting.png");
  g_object_get (account_dialog, "authorization-uri", &uri, NULL);
  g_assert_true (g_str_has_prefix (uri, pds_url));

  /* The writer approves in the browser; the dialog closes, signed in. */
  consent (uri);
  byline_test_wait_until (signed_in, window, "the sign-in");
  g_assert_true (visible_dialog (window) == publish_dialog);
  byline_test_save_screenshot (GTK_WIDGET (window), "oauth-signed-in.png");

  /* Publish with the OAuth session. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (publish_dialog), "publish.publish",
                                             NULL));
  byline_test_wait_until (published, document, "the record address in the front matter");

  /* Sign out: revoked on the server, gone from the keyring. */
  accounts = kept_accounts ();
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
  account = g_list_model_get_item (accounts, 0);
  g_assert_true (byline_account_uses_oauth (account));
  byline_account_resume_async (account, NULL, pds_store_result_cb, &resumed);
  byline_test_wait_until (result_arrived, &resumed, "the account to resume");
  g_assert_true (byline_account_resume_finish (account, resumed, &error));
  account_client = byline_account_dup_client (account);
  json = byline_oauth_session_to_json (byline_xrpc_client_get_oauth_session (account_client),
                                       &error);
  g_assert_no_error (error);
  g_clear_object (&accounts);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  publish_dialog = visible_dialog (window);
  byline_test_wait_until (signed_in, window, "the remembered account");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (publish_dialog), "publish.sign-out",
                                             NULL));
  /* The dialog signs out in the background: the revocation, then the keyring. */
  for (;;)
    {
      accounts = try_kept_accounts ();
      if (accounts != NULL && g_list_model_get_n_items (accounts) == 0)
        break;
      g_clear_object (&accounts);
      byline_test_wait_for_idle ();
    }

  copy = byline_oauth_session_new_from_json (json, &error);
  g_assert_no_error (error);
  byline_xrpc_client_set_oauth_session (stale, copy);
  byline_xrpc_client_call_async (stale, "GET", "com.atproto.server.getSession", NULL, NULL, NULL,
                                 NULL, pds_store_result_cb, &called);
  byline_test_wait_until (result_arrived, &called, "the revoked session's call");
  answer = byline_xrpc_client_call_finish (stale, called, &error);
  g_assert_null (answer);
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_EXPIRED_TOKEN);

  adw_dialog_close (visible_dialog (window));
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (document), FALSE);
  byline_test_close_window (window);
}

/* The session ends behind Byline's back; publishing asks to sign in again and then carries
 * on with the same article. */
static void
test_expired_session (void)
{
  g_autofree char *path = g_build_filename (work_dir, "expired.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(BylineXrpcClient) account_client = NULL;
  g_autoptr(GAsyncResult) resumed = NULL;
  g_autoptr(GAsyncResult) revoked = NULL;
  g_autoptr(GError) error = NULL;
  BylineWindow *window;
  BylineDocument *document;
  AdwDialog *publish_dialog;
  AdwDialog *alert;
  AdwDialog *account_dialog;
  GtkWidget *button;
  GtkWidget *handle_row;

  g_assert_true (g_file_set_contents (path,
                                      "---\n"
                                      "title: Published After Signing In Again\n"
                                      "site: https://example.com\n"
                                      "path: /again/\n"
                                      "publishedAt: 2026-03-06T20:30:00.000Z\n"
                                      "---\n"
                                      "\n"
                                      "The session ended.\n", -1, NULL));
  window = BYLINE_WINDOW (byline_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_window_open_file (window, file);
  document = byline_page_get_document (byline_window_get_page (window));
  byline_test_wait_until (document_loaded, document, "the article to load");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  publish_dialog = visible_dialog (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (publish_dialog), "publish.sign-in",
                                             NULL));
  sign_in_with_browser (visible_dialog (window));
  byline_test_wait_until (signed_in, window, "the sign-in");

  /* Revoked elsewhere (as from the account's settings on the server). */
  accounts = kept_accounts ();
  account = g_list_model_get_item (accounts, 0);
  byline_account_resume_async (account, NULL, pds_store_result_cb, &resumed);
  byline_test_wait_until (result_arrived, &resumed, "the account to resume");
  g_assert_true (byline_account_resume_finish (account, resumed, &error));
  account_client = byline_account_dup_client (account);
  byline_oauth_session_revoke_async (byline_xrpc_client_get_oauth_session (account_client), NULL,
                                     pds_store_result_cb, &revoked);
  byline_test_wait_until (result_arrived, &revoked, "the revocation");
  g_assert_true (byline_oauth_session_revoke_finish (
                   byline_xrpc_client_get_oauth_session (account_client), revoked, &error));

  /* Publish: Byline asks to sign in again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (publish_dialog), "publish.publish",
                                             NULL));
  byline_test_wait_until (alert_shown, window, "the request to sign in again");
  alert = visible_dialog (window);
  byline_test_save_screenshot (GTK_WIDGET (window), "oauth-sign-in-again.png");
  button = find_widget (GTK_WIDGET (alert), GTK_TYPE_BUTTON, "_Sign In Again");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  byline_test_wait_until (account_dialog_shown, window, "the sign-in dialog");
  account_dialog = visible_dialog (window);
  handle_row = find_widget (GTK_WIDGET (account_dialog), ADW_TYPE_ENTRY_ROW,
                            "Handle or Server Address");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (handle_row)), ==, "writer.test");

  /* Signed in again, the same article is published without pressing Publish again. */
  sign_in_with_browser (account_dialog);
  byline_test_wait_until (published, document, "the record address in the front matter");

  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (document), FALSE);
  byline_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  if (argc < 3)
    {
      g_printerr ("usage: test-oauth-ui SETUP-PDS SETUP-OAUTH-TOOLS\n");
      return 2;
    }
  setup_script = argv[1];
  tools_script = argv[2];
  work_dir = g_dir_make_tmp ("byline-oauth-ui-XXXXXX", &error);
  g_assert_no_error (error);
  /* No browser is launched: the test plays its part with the address the dialog shows. */
  g_setenv ("BYLINE_NO_BROWSER", "1", TRUE);
  g_unsetenv ("BYLINE_OAUTH_CLIENT_ID");

  tools_dir = oauth_tools_install (tools_script);
  start_keyring ();
  pds_start ();
  pds_create_account ();
  g_setenv ("BYLINE_PLC_DIRECTORY", plc_url, TRUE);
  /* writer.test resolves on the PDS only: the handle its DID document claims is checked
   * there. */
  g_setenv ("BYLINE_PDS", pds_url, TRUE);

  app = byline_test_app_start ("io.github.byline.Byline.OAuthTests");
  g_test_add_func ("/oauth/ui/sign-in-with-browser", test_sign_in_with_browser);
  g_test_add_func ("/oauth/ui/expired-session", test_expired_session);
  status = byline_test_app_run ();

  pds_stop ();
  g_subprocess_send_signal (keyring, SIGTERM);
  g_subprocess_wait (keyring, NULL, NULL);
  g_clear_object (&keyring);
  g_clear_object (&client);
  pds_remove_tree (work_dir);

  return status;
}
