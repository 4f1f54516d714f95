/* test-publish-account.c
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

/* Accounts against the reference PDS and a real, unlocked keyring (gnome-keyring on the test's
 * private session bus, its files under a temporary folder): sign in, find the account again
 * in the keyring, resume its session from the stored secrets, publish with it, sign out. */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "byline-account.h"
#include "byline-front-matter.h"
#include "byline-publisher.h"
#include "pds-fixture.h"

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
expired_cb (gpointer data)
{
  *(gboolean *)data = TRUE;

  return G_SOURCE_REMOVE;
}

static void
start_keyring (void)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
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
  keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--foreground",
                                         "--replace", "--unlock", "--components=secrets", NULL);
  g_assert_no_error (error);
  /* --unlock reads the login password from standard input, until it is closed. */
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (keyring), "test-password", 13, NULL,
                             NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (g_subprocess_get_stdin_pipe (keyring), NULL, NULL);

  /* The bus says when the daemon takes its name. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  watch = g_bus_watch_name_on_connection (bus, "org.freedesktop.secrets",
                                          G_BUS_NAME_WATCHER_FLAGS_NONE, name_appeared_cb, NULL,
                                          &appeared, NULL);
  timeout = g_timeout_add_seconds (WAIT_SECONDS, expired_cb, &expired);
  while (!appeared && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (expired);
  g_source_remove (timeout);
  g_bus_unwatch_name (watch);
}

static gboolean
account_listed (const char *wanted)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GError) error = NULL;

  byline_account_list_async (NULL, pds_store_result_cb, &result);
  accounts = byline_account_list_finish (pds_wait_for (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(BylineAccount) account = g_list_model_get_item (accounts, i);

      if (g_strcmp0 (byline_account_get_did (account), wanted) == 0)
        {
          g_assert_cmpstr (byline_account_get_handle (account), ==, "writer.test");
          g_assert_cmpstr (byline_account_get_service (account), ==, pds_url);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
iterate_cb (gpointer data)
{
  *(gboolean *)data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Stores are asynchronous: look again until they land, within the usual bound. */
static void
wait_listed (gboolean present)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (account_listed (did) != present)
    {
      gboolean done = FALSE;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_timeout_add (100, iterate_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_account (void)
{
  g_autoptr(GAsyncResult) signed_in = NULL;
  g_autoptr(GAsyncResult) resumed = NULL;
  g_autoptr(GAsyncResult) published = NULL;
  g_autoptr(GAsyncResult) signed_out = NULL;
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(BylineAccount) again = NULL;
  g_autoptr(BylineXrpcClient) resumed_client = NULL;
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GError) error = NULL;

  /* Sign in with the DID alone: the PDS comes from the PLC directory. */
  byline_account_sign_in_async (did, app_password, NULL, plc_url, NULL, pds_store_result_cb,
                                &signed_in);
  account = byline_account_sign_in_finish (pds_wait_for (&signed_in), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (byline_account_get_did (account), ==, did);
  g_assert_cmpstr (byline_account_get_service (account), ==, pds_url);
  wait_listed (TRUE);

  /* A later session: only the keyring knows the secrets. */
  again = byline_account_new (did, "writer.test", pds_url);
  byline_account_resume_async (again, NULL, pds_store_result_cb, &resumed);
  g_assert_true (byline_account_resume_finish (again, pds_wait_for (&resumed), &error));
  g_assert_no_error (error);
  resumed_client = byline_account_dup_client (again);
  g_assert_true (byline_xrpc_client_is_signed_in (resumed_client));

  publisher = byline_publisher_new (resumed_client);
  text = g_bytes_new_static ("---\ntitle: Resumed\nsite: https://example.com\n---\nHi.\n", 53);
  byline_publisher_publish_async (publisher, text, NULL, BYLINE_PUBLISH_FLAGS_NONE, NULL,
                                  pds_store_result_cb, &published);
  metadata = byline_publisher_publish_finish (publisher, pds_wait_for (&published), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (byline_metadata_get_record_uri (metadata), "at://"));

  /* Signing out removes both secrets. */
  byline_account_sign_out_async (again, NULL, pds_store_result_cb, &signed_out);
  g_assert_true (byline_account_sign_out_finish (again, pds_wait_for (&signed_out), &error));
  g_assert_no_error (error);
  wait_listed (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: test-publish-account SETUP-SCRIPT\n");
      return 2;
    }
  setup_script = argv[1];
  work_dir = g_dir_make_tmp ("byline-publish-account-XXXXXX", &error);
  g_assert_no_error (error);

  start_keyring ();
  pds_start ();
  pds_create_account ();

  g_test_add_func ("/Byline/PublishAccount/sign-in-resume-sign-out", test_account);
  status = g_test_run ();

  pds_stop ();
  g_subprocess_send_signal (keyring, SIGTERM);
  g_subprocess_wait (keyring, NULL, NULL);
  g_clear_object (&keyring);
  g_clear_object (&client);
  pds_remove_tree (work_dir);

  return status;
}
