/* test-oauth-fallback.c
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

/* Signing in with a browser to a server that offers only the broad scope: a fake server on
 * localhost plays the PDS and its authorization server, the test plays the browser by calling
 * the redirect address, and the window must say that Byline was given broad access. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "byline-application.h"
#include "byline-test-utils.h"
#include "byline-window.h"

static BylineApplication *app;
static SoupServer *server;
static char *origin;
static char *did;
static char *par_state;
static char *par_redirect;
static char *par_scope;

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json,
                                    strlen (json));
}

static GHashTable *
form_of (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *text = g_strndup (body->data, body->length);

  return soup_form_decode (text);
}

static void
handler_cb (SoupServer        *srv,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  g_autofree char *json = NULL;

  if (g_str_equal (path, "/.well-known/did.json"))
    json = g_strdup_printf ("{\"id\":\"%s\",\"alsoKnownAs\":[\"at://writer.test\"],"
                            "\"service\":[{\"id\":\"#atproto_pds\","
                            "\"type\":\"AtprotoPersonalDataServer\","
                            "\"serviceEndpoint\":\"%s\"}]}", did, origin);
  else if (g_str_equal (path, "/.well-known/oauth-protected-resource"))
    json = g_strdup_printf ("{\"resource\":\"%s\",\"authorization_servers\":[\"%s\"]}",
                            origin, origin);
  else if (g_str_equal (path, "/.well-known/oauth-authorization-server"))
    json = g_strdup_printf (
      "{\"issuer\":\"%s\",\"scopes_supported\":[\"atproto\",\"transition:generic\"],"
      "\"response_types_supported\":[\"code\"],"
      "\"grant_types_supported\":[\"authorization_code\",\"refresh_token\"],"
      "\"code_challenge_methods_supported\":[\"S256\"],"
      "\"dpop_signing_alg_values_supported\":[\"ES256\"],"
      "\"token_endpoint_auth_methods_supported\":[\"none\"],"
      "\"authorization_response_iss_parameter_supported\":true,"
      "\"require_pushed_authorization_requests\":true,"
      "\"client_id_metadata_document_supported\":true,"
      "\"authorization_endpoint\":\"%s/oauth/authorize\","
      "\"token_endpoint\":\"%s/oauth/token\","
      "\"revocation_endpoint\":\"%s/oauth/revoke\","
      "\"pushed_authorization_request_endpoint\":\"%s/oauth/par\"}",
      origin, origin, origin, origin, origin);
  else if (g_str_equal (path, "/oauth/par"))
    {
      g_autoptr(GHashTable) form = form_of (msg);

      g_set_str (&par_state, g_hash_table_lookup (form, "state"));
      g_set_str (&par_redirect, g_hash_table_lookup (form, "redirect_uri"));
      g_set_str (&par_scope, g_hash_table_lookup (form, "scope"));
      /* Only the broad scope is known here. */
      if (strstr (par_scope, "repo:") != NULL)
        {
          respond (msg, 400, "{\"error\":\"invalid_scope\","
                             "\"error_description\":\"unknown scope\"}");
          return;
        }
      respond (msg, 201, "{\"request_uri\":\"urn:ietf:params:oauth:request_uri:req-1\","
                         "\"expires_in\":60}");
      return;
    }
  else if (g_str_equal (path, "/oauth/token"))
    json = g_strdup_printf ("{\"access_token\":\"access-1\",\"token_type\":\"DPoP\","
                            "\"refresh_token\":\"refresh-1\",\"scope\":\"%s\",\"sub\":\"%s\","
                            "\"expires_in\":3600}", par_scope, did);
  else if (g_str_equal (path, "/xrpc/com.atproto.repo.listRecords"))
    json = g_strdup ("{\"records\":[]}");

  if (json != NULL)
    respond (msg, 200, json);
  else
    respond (msg, 404, "{\"error\":\"NotFound\"}");
}

static gboolean
has_authorization_uri (gpointer data)
{
  g_autofree char *uri = NULL;

  g_object_get (data, "authorization-uri", &uri, NULL);

  return uri != NULL;
}

static gboolean
broad_access_said (gpointer data)
{
  AdwDialog *dialog = adw_application_window_get_visible_dialog (data);

  return ADW_IS_ALERT_DIALOG (dialog)
         && g_strcmp0 (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)),
                       "Signed In With Broad Access") == 0;
}

static void
redirected_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                              NULL);
}

static void
test_scope_fallback_notice (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "byline-fallback.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autoptr(SoupMessage) redirect = NULL;
  g_autofree char *url = NULL;
  g_autofree char *state = NULL;
  g_autofree char *iss = NULL;
  BylineWindow *window;
  AdwDialog *account_dialog;
  GtkWidget *handle_row;

  g_assert_true (g_file_set_contents (path, "---\ntitle: Broad\n---\n\nText.\n", -1, NULL));
  window = BYLINE_WINDOW (byline_window_new (GTK_APPLICATION (app)));
  gtk_window_present (GTK_WINDOW (window));
  byline_test_open_file (window, file);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  g_assert_true (gtk_widget_activate_action (
    GTK_WIDGET (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window))),
    "publish.sign-in", NULL));
  account_dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  handle_row = byline_test_find_row (GTK_WIDGET (account_dialog), ADW_TYPE_ENTRY_ROW,
                                     "Handle or Server Address");
  g_assert_nonnull (handle_row);
  gtk_editable_set_text (GTK_EDITABLE (handle_row), origin);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (account_dialog),
                                             "account.sign-in-browser", NULL));
  byline_test_wait_until (has_authorization_uri, account_dialog, "the authorization address");
  g_assert_cmpstr (par_scope, ==, "atproto transition:generic");

  /* The browser comes back to Byline's listener with the code. */
  state = g_uri_escape_string (par_state, NULL, TRUE);
  iss = g_uri_escape_string (origin, NULL, TRUE);
  url = g_strdup_printf ("%s?code=code-1&state=%s&iss=%s", par_redirect, state, iss);
  redirect = soup_message_new ("GET", url);
  soup_session_send_and_read_async (browser, redirect, G_PRIORITY_DEFAULT, NULL, redirected_cb,
                                    NULL);

  byline_test_wait_until (broad_access_said, window, "the broad access notice");
  byline_test_save_screenshot (GTK_WIDGET (window), "oauth-scope-fallback.png");

  adw_dialog_close (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window)));
  byline_test_close_window (window);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_test_init (&argc, &argv, NULL);
  /* No keyring runs under the test's session bus: Byline warns that it cannot remember the
   * account, and carries on. Criticals stay fatal. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_setenv ("BYLINE_NO_BROWSER", "1", TRUE);
  g_unsetenv ("BYLINE_OAUTH_CLIENT_ID");

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  origin = g_strdup_printf ("http://localhost:%d", g_uri_get_port (uris->data));
  did = g_strdup_printf ("did:web:localhost%%3A%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  app = byline_test_app_start ("io.github.byline.Byline.OAuthFallbackTests");
  g_test_add_func ("/oauth/ui/scope-fallback-notice", test_scope_fallback_notice);

  return byline_test_app_run ();
}
