/* test-oauth-pds.c
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

/* AT Protocol OAuth against the reference PDS's own authorization server: `byline --sign-in`
 * with the consent page accepted in a headless chromium, a publish with the kept session, a
 * DPoP nonce rotation, a token refresh, a write outside the granted scope, a refused consent
 * and a revoked session. The server's token lifetime and nonce rotation are shortened (see
 * start-pds.mjs) so that expiry and rotation happen within seconds. */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

#include "byline-account.h"
#include "byline-oauth-session.h"
#include "oauth-tools.h"
#include "pds-fixture.h"

#define TOKEN_LIFETIME_MS   "8000"
#define NONCE_ROTATION_MS   "1000"

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
flag_cb (gpointer data)
{
  *(gboolean *)data = TRUE;

  return G_SOURCE_REMOVE;
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* A real, unlocked keyring on the test's session bus. */
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
  gboolean expired = FALSE;
  guint watch, timeout;

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
  timeout = g_timeout_add_seconds (WAIT_SECONDS, flag_cb, &expired);
  while (!appeared && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (expired);
  g_source_remove (timeout);
  g_bus_unwatch_name (watch);
}

/* The server's clock runs on: a token expires, a nonce rotates. Nothing in the test can be
 * waited on instead. */
static void
let_time_pass (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GSubprocessLauncher *
byline_launcher (void)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                             | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  g_subprocess_launcher_setenv (launcher, "BYLINE_NO_BROWSER", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "BYLINE_PDS", pds_url, TRUE);
  g_subprocess_launcher_setenv (launcher, "BYLINE_PLC_DIRECTORY", plc_url, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "BYLINE_IDENTIFIER");
  g_subprocess_launcher_unsetenv (launcher, "BYLINE_APP_PASSWORD");
  g_subprocess_launcher_unsetenv (launcher, "BYLINE_OAUTH_CLIENT_ID");

  return launcher;
}

/* Runs `byline ARGS…` to the end; returns its exit status. */
static int
run_byline (const char * const  *args,
            char               **out,
            char               **err)
{
  g_autoptr(GSubprocessLauncher) launcher = byline_launcher ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) byline = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_ptr_array_add (argv, (char *)g_getenv ("BYLINE_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);
  byline = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (byline, NULL, NULL, pds_store_result_cb, &result);
  g_subprocess_communicate_utf8_finish (byline, pds_wait_for (&result), out, err, &error);
  g_assert_no_error (error);
  g_test_message ("byline %s: %s%s", args[0], *out, *err);

  return g_subprocess_get_exit_status (byline);
}

/* `byline --sign-in writer.test`, with the browser's part played by consent.mjs. */
static int
sign_in (const char  *choice,
         char       **out,
         char       **err)
{
  g_autoptr(GSubprocessLauncher) launcher = byline_launcher ();
  g_autoptr(GSubprocessLauncher) node_launcher = NULL;
  g_autoptr(GSubprocess) byline = NULL;
  g_autoptr(GSubprocess) browser = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GAsyncResult) consent_result = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "oauth", "consent.mjs", NULL);
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;
  g_autofree char *rest = NULL;

  byline = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("BYLINE_BINARY"),
                                        "--sign-in", "writer.test", NULL);
  g_assert_no_error (error);

  /* The address to open is the line after the prompt. */
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (byline));
  while (url == NULL)
    {
      g_autoptr(GAsyncResult) line_result = NULL;
      g_autofree char *line = NULL;

      g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, pds_store_result_cb,
                                           &line_result);
      line = g_data_input_stream_read_line_finish_utf8 (lines, pds_wait_for (&line_result), NULL,
                                                        &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, pds_url))
        url = g_steal_pointer (&line);
    }
  g_assert_nonnull (strstr (url, "/oauth/authorize?client_id=http%3A%2F%2Flocalhost%3F"));

  node_launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (node_launcher, "BYLINE_OAUTH_TOOLS", tools_dir, TRUE);
  browser = g_subprocess_launcher_spawn (node_launcher, &error, "node", script, url,
                                         "account-password-long", choice, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (browser, NULL, NULL, pds_store_result_cb,
                                       &consent_result);
  g_subprocess_communicate_utf8_finish (browser, pds_wait_for (&consent_result), &page, NULL,
                                        &error);
  g_assert_no_error (error);
  g_test_message ("browser: %s", page);
  g_assert_true (g_subprocess_get_successful (browser));
  /* The browser came back to Byline's listener, on the loopback address. */
  g_assert_true (g_str_has_prefix (page, "http://127.0.0.1:"));

  g_subprocess_communicate_utf8_async (byline, NULL, NULL, pds_store_result_cb, &result);
  g_subprocess_communicate_utf8_finish (byline, pds_wait_for (&result), &rest, err, &error);
  g_assert_no_error (error);
  *out = g_strdup (rest);
  g_test_message ("byline --sign-in: %s%s", *out, *err);

  return g_subprocess_get_exit_status (byline);
}

/* The OAuth account the keyring holds, resumed in this process. */
static BylineAccount *
kept_account (void)
{
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GError) error = NULL;

  byline_account_list_async (NULL, pds_store_result_cb, &listed);
  accounts = byline_account_list_finish (pds_wait_for (&listed), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(BylineAccount) account = g_list_model_get_item (accounts, i);
      g_autoptr(GAsyncResult) resumed = NULL;

      if (!byline_account_uses_oauth (account))
        continue;
      g_assert_cmpstr (byline_account_get_did (account), ==, did);
      byline_account_resume_async (account, NULL, pds_store_result_cb, &resumed);
      g_assert_true (byline_account_resume_finish (account, pds_wait_for (&resumed), &error));
      g_assert_no_error (error);
      return g_steal_pointer (&account);
    }

  return NULL;
}

static char *
write_article (const char *name,
               const char *title)
{
  g_autofree char *text = g_strdup_printf ("---\ntitle: %s\nsite: https://writer.example\n"
                                           "path: /%s\npublishedAt: 2024-01-05\n---\n\n"
                                           "Signed in with OAuth.\n", title, name);
  char *path = g_build_filename (work_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  return path;
}

static JsonObject *
session_call (BylineXrpcClient *account_client,
              GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_xrpc_client_call_async (account_client, "GET", "com.atproto.server.getSession", NULL,
                                 NULL, NULL, NULL, pds_store_result_cb, &result);

  return byline_xrpc_client_call_finish (account_client, pds_wait_for (&result), error);
}

static void
test_sign_in_and_publish (void)
{
  g_autofree char *out = NULL, *err = NULL, *pub_out = NULL, *pub_err = NULL;
  g_autofree char *list_out = NULL, *list_err = NULL;
  g_autofree char *article = write_article ("first.md", "First");
  g_autofree char *expected = NULL;
  g_autofree char *listed = NULL;
  g_autoptr(BylineAccount) account = NULL;
  const char *publish[] = { "--publish", article, NULL };
  const char *list[] = { "--list", NULL };

  g_assert_cmpint (sign_in ("approve", &out, &err), ==, 0);
  expected = g_strdup_printf ("Signed in as writer.test (%s) with the permissions: atproto "
                              "repo:site.standard.document", did);
  g_assert_true (g_str_has_prefix (out, expected));
  g_assert_nonnull (strstr (out, "blob:*/*"));
  g_assert_null (strstr (out, "transition:generic"));
  g_assert_nonnull (strstr (err, "development client"));

  account = kept_account ();
  g_assert_nonnull (account);
  g_assert_cmpstr (byline_account_get_handle (account), ==, "writer.test");
  g_assert_cmpstr (byline_account_get_service (account), ==, pds_url);

  /* --publish without an app password uses the kept session. */
  g_assert_cmpint (run_byline (publish, &pub_out, &pub_err), ==, 0);
  g_assert_true (g_str_has_prefix (pub_out, "at://"));
  g_assert_nonnull (strstr (pub_out, "/site.standard.document/"));

  /* The library commands use the same session: --list shows the article just published. */
  g_assert_cmpint (run_byline (list, &list_out, &list_err), ==, 0);
  listed = g_strdup_printf ("%.*s\tFirst\t", (int)strcspn (pub_out, " "), pub_out);
  g_assert_nonnull (strstr (list_out, listed));
}

static void
test_nonce_rotation (void)
{
  g_autoptr(BylineAccount) account = kept_account ();
  g_autoptr(BylineXrpcClient) account_client = byline_account_dup_client (account);
  BylineOAuthSession *session = byline_xrpc_client_get_oauth_session (account_client);
  g_autoptr(JsonObject) first = NULL, second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *nonce = NULL;

  /* A new process has no nonce: the PDS asks for one and the call is repeated. */
  first = session_call (account_client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (first, "did"), ==, did);
  nonce = g_strdup (byline_oauth_session_get_nonce (session, pds_url));
  g_assert_nonnull (nonce);

  /* Three rotations later the nonce is stale; the PDS sends a new one and the call goes on. */
  let_time_pass (3500);
  g_assert_false (byline_oauth_session_is_expiring (session));
  second = session_call (account_client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (second, "did"), ==, did);
  g_assert_cmpstr (byline_oauth_session_get_nonce (session, pds_url), !=, nonce);
}

static void
test_refresh (void)
{
  g_autoptr(BylineAccount) before = kept_account ();
  g_autoptr(BylineAccount) after = NULL;
  g_autoptr(BylineXrpcClient) before_client = byline_account_dup_client (before);
  g_autoptr(BylineXrpcClient) after_client = NULL;
  g_autofree char *old_access = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *article = write_article ("second.md", "Second");
  const char *publish[] = { "--publish", article, NULL };
  BylineOAuthSession *session = byline_xrpc_client_get_oauth_session (before_client);

  old_access = g_strdup (byline_oauth_session_get_access_token (session));
  let_time_pass ((byline_oauth_session_get_expires_at (session)
                  - g_get_real_time () / G_USEC_PER_SEC + 1) * 1000);
  g_assert_true (byline_oauth_session_is_expiring (session));

  /* The publish renews the expired session and keeps the new tokens. */
  g_assert_cmpint (run_byline (publish, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "at://"));
  after = kept_account ();
  after_client = byline_account_dup_client (after);
  session = byline_xrpc_client_get_oauth_session (after_client);
  g_assert_cmpstr (byline_oauth_session_get_access_token (session), !=, old_access);
  g_assert_false (byline_oauth_session_is_expiring (session));
}

static void
test_scope_refusal (void)
{
  g_autoptr(BylineAccount) account = kept_account ();
  g_autoptr(BylineXrpcClient) account_client = byline_account_dup_client (account);
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  /* Byline never asked to change the profile; the server refuses and Byline names what is
   * missing. */
  json_object_set_string_member (record, "$type", "app.bsky.actor.profile");
  json_object_set_string_member (record, "displayName", "Writer");
  byline_xrpc_client_put_record_async (account_client, "app.bsky.actor.profile", "self", record,
                                       NULL, NULL, pds_store_result_cb, &result);
  answer = byline_xrpc_client_call_finish (account_client, pds_wait_for (&result), &error);
  g_assert_null (answer);
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_SCOPE_MISSING);
  g_assert_nonnull (strstr (error->message, "repo:app.bsky.actor.profile"));
}

static void
test_refused_consent (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (sign_in ("deny", &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "refused"));
}

static void
test_revoked (void)
{
  g_autoptr(BylineAccount) account = kept_account ();
  g_autoptr(BylineXrpcClient) account_client = byline_account_dup_client (account);
  g_autoptr(BylineOAuthSession) copy = NULL;
  g_autoptr(BylineXrpcClient) stale_client = byline_xrpc_client_new (NULL);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *out = NULL, *err = NULL, *pub_out = NULL, *pub_err = NULL;
  g_autofree char *article = write_article ("third.md", "Third");
  const char *sign_out[] = { "--sign-out", "writer.test", NULL };
  const char *publish[] = { "--publish", article, NULL };

  /* A copy of the tokens, as if kept elsewhere, before signing out. */
  json = byline_oauth_session_to_json (byline_xrpc_client_get_oauth_session (account_client),
                                       &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_byline (sign_out, &out, &err), ==, 0);
  g_assert_null (kept_account ());
  g_assert_cmpint (run_byline (publish, &pub_out, &pub_err), ==, 2);
  g_assert_nonnull (strstr (pub_err, "--sign-in"));

  /* The server revoked them: the copy cannot be used or renewed. */
  copy = byline_oauth_session_new_from_json (json, &error);
  g_assert_no_error (error);
  byline_xrpc_client_set_oauth_session (stale_client, copy);
  answer = session_call (stale_client, &error);
  g_assert_null (answer);
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_EXPIRED_TOKEN);
  g_assert_nonnull (strstr (error->message, "Sign in again"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (argc < 3)
    {
      g_printerr ("usage: test-oauth-pds SETUP-PDS SETUP-OAUTH-TOOLS\n");
      return 2;
    }
  setup_script = argv[1];
  tools_script = argv[2];
  work_dir = g_dir_make_tmp ("byline-oauth-pds-XXXXXX", &error);
  g_assert_no_error (error);

  tools_dir = oauth_tools_install (tools_script);
  start_keyring ();
  g_setenv ("PDS_TEST_OAUTH_TOKEN_MAX_AGE_MS", TOKEN_LIFETIME_MS, TRUE);
  g_setenv ("PDS_TEST_DPOP_NONCE_ROTATION_MS", NONCE_ROTATION_MS, TRUE);
  pds_start ();
  pds_create_account ();

  /* In order: each step starts from the keyring the one before left. */
  g_test_add_func ("/oauth/pds/sign-in-and-publish", test_sign_in_and_publish);
  g_test_add_func ("/oauth/pds/nonce-rotation", test_nonce_rotation);
  g_test_add_func ("/oauth/pds/refresh", test_refresh);
  g_test_add_func ("/oauth/pds/scope-refusal", test_scope_refusal);
  g_test_add_func ("/oauth/pds/refused-consent", test_refused_consent);
  g_test_add_func ("/oauth/pds/revoked", test_revoked);
  status = g_test_run ();

  pds_stop ();
  g_subprocess_send_signal (keyring, SIGTERM);
  g_subprocess_wait (keyring, NULL, NULL);
  g_clear_object (&keyring);
  g_clear_object (&client);
  pds_remove_tree (work_dir);

  return status;
}
