/* test-xrpc.c
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

/* The XRPC client against a small fake server on 127.0.0.1: error mapping, token renewal,
 * rate limits and timeouts. The real PDS is exercised by the publish suite. */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "byline-xrpc-client.h"

static SoupServer *server;
static char *base_url;
static guint refreshes;
static guint rate_limited_calls;
static gboolean timed_out;

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static const char *
bearer (SoupServerMessage *msg)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                       "Authorization");
}

static void
handler_cb (SoupServer        *srv,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *request = body->data ? body->data : "";

  if (g_str_equal (path, "/xrpc/com.atproto.server.createSession"))
    {
      if (strstr (request, "\"password\":\"right\"") != NULL)
        respond (msg, 200, "{\"did\":\"did:plc:abc\",\"handle\":\"a.test\","
                           "\"accessJwt\":\"access-1\",\"refreshJwt\":\"refresh-1\"}");
      else
        respond (msg, 401, "{\"error\":\"AuthenticationRequired\","
                           "\"message\":\"Invalid identifier or password\"}");
    }
  else if (g_str_equal (path, "/xrpc/com.atproto.server.refreshSession"))
    {
      refreshes++;
      if (g_strcmp0 (bearer (msg), "Bearer refresh-1") == 0)
        respond (msg, 200, "{\"did\":\"did:plc:abc\",\"handle\":\"a.test\","
                           "\"accessJwt\":\"access-2\",\"refreshJwt\":\"refresh-2\"}");
      else
        respond (msg, 400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}");
    }
  else if (g_str_equal (path, "/xrpc/com.atproto.identity.resolveHandle"))
    {
      if (g_strcmp0 (g_hash_table_lookup (query, "handle"), "a.test") == 0)
        respond (msg, 200, "{\"did\":\"did:plc:abc\"}");
      else
        respond (msg, 400, "{\"error\":\"InvalidRequest\",\"message\":\"Unable to resolve handle\"}");
    }
  else if (g_str_equal (path, "/xrpc/com.atproto.repo.getRecord"))
    {
      if (g_strcmp0 (bearer (msg), "Bearer access-2") == 0)
        respond (msg, 200, "{\"uri\":\"at://did:plc:abc/x.y/z\",\"cid\":\"bafy\",\"value\":{}}");
      else
        respond (msg, 400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}");
    }
  else if (g_str_equal (path, "/xrpc/com.atproto.repo.putRecord"))
    {
      if (strstr (request, "swapRecord") != NULL)
        respond (msg, 400, "{\"error\":\"InvalidSwap\",\"message\":\"Record was at bafyother\"}");
      else
        respond (msg, 400, "{\"error\":\"InvalidRequest\","
                           "\"message\":\"Invalid site.standard.document record: "
                           "Record must have the property \\\"site\\\"\"}");
    }
  else if (g_str_equal (path, "/xrpc/test.rateLimited"))
    {
      g_autofree char *reset = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                g_get_real_time () / G_USEC_PER_SEC + 1);

      if (rate_limited_calls++ == 0)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "ratelimit-reset", reset);
          respond (msg, 429, "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}");
        }
      else
        respond (msg, 200, "{\"ok\":true}");
    }
  else if (g_str_equal (path, "/xrpc/test.rateLimitedLong"))
    {
      g_autofree char *reset = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                g_get_real_time () / G_USEC_PER_SEC + 3600);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "ratelimit-reset", reset);
      respond (msg, 429, "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}");
    }
  else if (g_str_equal (path, "/xrpc/test.silent"))
    {
      /* Never answers: the client's timeout must end the call. */
      soup_server_message_pause (msg);
    }
  else
    respond (msg, 404, "{\"error\":\"MethodNotImplemented\",\"message\":\"no\"}");
}

static gboolean
deadline_cb (gpointer data)
{
  timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  guint id;

  timed_out = FALSE;
  id = g_timeout_add_seconds (30, deadline_cb, NULL);
  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);

  return *slot;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static BylineXrpcClient *
signed_in_client (void)
{
  BylineXrpcClient *client = byline_xrpc_client_new (base_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  byline_xrpc_client_create_session_async (client, "a.test", "right", NULL, store_result_cb,
                                           &result);
  g_assert_true (byline_xrpc_client_create_session_finish (client, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (byline_xrpc_client_get_did (client), ==, "did:plc:abc");

  return client;
}

static JsonObject *
call (BylineXrpcClient  *client,
      const char        *nsid,
      GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_xrpc_client_call_async (client, "GET", nsid, NULL, NULL, NULL, NULL, store_result_cb,
                                 &result);

  return byline_xrpc_client_call_finish (client, wait_for (&result), error);
}

static void
test_wrong_password (void)
{
  g_autoptr(BylineXrpcClient) client = byline_xrpc_client_new (base_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  byline_xrpc_client_create_session_async (client, "a.test", "wrong", NULL, store_result_cb,
                                           &result);
  g_assert_false (byline_xrpc_client_create_session_finish (client, wait_for (&result), &error));
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_AUTHENTICATION);
  g_assert_nonnull (strstr (error->message, "Invalid identifier or password"));
  g_assert_false (byline_xrpc_client_is_signed_in (client));
}

static void
count_cb (BylineXrpcClient *client,
          guint            *count)
{
  (*count)++;
}

/* An expired access token is renewed once and the call repeated; the new tokens are announced
 * so the keyring can keep the current refresh token. */
static void
test_expired_token (void)
{
  guint changes = 0;
  g_autoptr(BylineXrpcClient) client = signed_in_client ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  refreshes = 0;
  g_signal_connect (client, "session-changed", G_CALLBACK (count_cb), &changes);
  byline_xrpc_client_get_record_async (client, "did:plc:abc", "x.y", "z", NULL, store_result_cb,
                                       &result);
  answer = byline_xrpc_client_call_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (answer, "cid"), ==, "bafy");
  g_assert_cmpuint (refreshes, ==, 1);
  g_assert_cmpstr (byline_xrpc_client_get_refresh_token (client), ==, "refresh-2");
  g_assert_cmpuint (changes, ==, 1);
}

/* When renewal fails too, the error says to sign in again. */
static void
test_expired_refresh (void)
{
  g_autoptr(BylineXrpcClient) client = byline_xrpc_client_new (base_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  byline_xrpc_client_set_session (client, "did:plc:abc", "a.test", "access-1", "refresh-old");
  byline_xrpc_client_get_record_async (client, "did:plc:abc", "x.y", "z", NULL, store_result_cb,
                                       &result);
  answer = byline_xrpc_client_call_finish (client, wait_for (&result), &error);
  g_assert_null (answer);
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_EXPIRED_TOKEN);
}

static void
test_record_errors (void)
{
  g_autoptr(BylineXrpcClient) client = signed_in_client ();
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(GAsyncResult) swap_result = NULL;
  g_autoptr(GAsyncResult) rejected_result = NULL;
  g_autoptr(GError) error = NULL;

  byline_xrpc_client_put_record_async (client, "site.standard.document", "3jl7442uk2222", record,
                                       "bafyold", NULL, store_result_cb, &swap_result);
  g_assert_null (byline_xrpc_client_call_finish (client, wait_for (&swap_result), &error));
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_SWAP);
  g_clear_error (&error);

  byline_xrpc_client_put_record_async (client, "site.standard.document", "3jl7442uk2222", record,
                                       NULL, NULL, store_result_cb, &rejected_result);
  g_assert_null (byline_xrpc_client_call_finish (client, wait_for (&rejected_result), &error));
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_RECORD_REJECTED);
  g_assert_nonnull (strstr (error->message, "Record must have the property \"site\""));
}

/* A short ratelimit-reset is waited out; a long one fails and says until when. */
static void
test_rate_limit (void)
{
  g_autoptr(BylineXrpcClient) client = signed_in_client ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  rate_limited_calls = 0;
  answer = call (client, "test.rateLimited", &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (answer, "ok"));
  g_assert_cmpuint (rate_limited_calls, ==, 2);

  g_assert_null (call (client, "test.rateLimitedLong", &error));
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "Try again after"));
}

static void
test_timeout (void)
{
  g_autoptr(BylineXrpcClient) client = signed_in_client ();
  g_autoptr(GError) error = NULL;

  byline_xrpc_client_set_timeout (client, 1);
  g_assert_null (call (client, "test.silent", &error));
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_TIMEOUT);
}

static void
test_unreachable (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(BylineXrpcClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* A bound port that never listens refuses connections. */
  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  client = byline_xrpc_client_new (url);
  byline_xrpc_client_create_session_async (client, "a.test", "right", NULL, store_result_cb,
                                           &result);
  g_assert_false (byline_xrpc_client_create_session_finish (client, wait_for (&result), &error));
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

static void
test_not_signed_in (void)
{
  g_autoptr(BylineXrpcClient) client = byline_xrpc_client_new (base_url);
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  byline_xrpc_client_put_record_async (client, "site.standard.document", "3jl7442uk2222", record,
                                       NULL, NULL, store_result_cb, &result);
  g_assert_null (byline_xrpc_client_call_finish (client, wait_for (&result), &error));
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_NOT_SIGNED_IN);
}

static void
test_resolve_handle (void)
{
  g_autoptr(BylineXrpcClient) client = byline_xrpc_client_new (base_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *did = NULL;

  byline_xrpc_client_resolve_handle_async (client, "a.test", NULL, store_result_cb, &result);
  did = byline_xrpc_client_resolve_handle_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (did, ==, "did:plc:abc");
}

static void
test_at_uri (void)
{
  g_autofree char *uri = byline_xrpc_format_at_uri ("did:plc:abc", "site.standard.document",
                                                    "3jl7442uk2222");
  g_autofree char *did = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *rkey = NULL;

  g_assert_cmpstr (uri, ==, "at://did:plc:abc/site.standard.document/3jl7442uk2222");
  g_assert_true (byline_xrpc_parse_at_uri (uri, &did, &collection, &rkey));
  g_assert_cmpstr (did, ==, "did:plc:abc");
  g_assert_cmpstr (collection, ==, "site.standard.document");
  g_assert_cmpstr (rkey, ==, "3jl7442uk2222");
  g_assert_false (byline_xrpc_parse_at_uri ("https://example.com/a/b", NULL, NULL, NULL));
  g_assert_false (byline_xrpc_parse_at_uri ("at://did:plc:abc/site.standard.document", NULL,
                                            NULL, NULL));
  g_assert_false (byline_xrpc_parse_at_uri ("at://did:plc:abc//x", NULL, NULL, NULL));
}

static void
test_did_document (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pds = NULL;

  json_parser_load_from_data (parser,
                              "{\"id\":\"did:plc:abc\",\"service\":["
                              "{\"id\":\"#atproto_labeler\",\"type\":\"AtprotoLabeler\","
                              "\"serviceEndpoint\":\"https://labeler.example\"},"
                              "{\"id\":\"#atproto_pds\",\"type\":\"AtprotoPersonalDataServer\","
                              "\"serviceEndpoint\":\"https://pds.example/\"}]}",
                              -1, &error);
  g_assert_no_error (error);
  pds = byline_xrpc_did_document_get_pds (json_node_get_object (json_parser_get_root (parser)));
  g_assert_cmpstr (pds, ==, "https://pds.example");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  int status;

  g_test_init (&argc, &argv, NULL);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  g_test_add_func ("/Byline/Xrpc/wrong-password", test_wrong_password);
  g_test_add_func ("/Byline/Xrpc/expired-token", test_expired_token);
  g_test_add_func ("/Byline/Xrpc/expired-refresh", test_expired_refresh);
  g_test_add_func ("/Byline/Xrpc/record-errors", test_record_errors);
  g_test_add_func ("/Byline/Xrpc/rate-limit", test_rate_limit);
  g_test_add_func ("/Byline/Xrpc/timeout", test_timeout);
  g_test_add_func ("/Byline/Xrpc/unreachable", test_unreachable);
  g_test_add_func ("/Byline/Xrpc/not-signed-in", test_not_signed_in);
  g_test_add_func ("/Byline/Xrpc/resolve-handle", test_resolve_handle);
  g_test_add_func ("/Byline/Xrpc/at-uri", test_at_uri);
  g_test_add_func ("/Byline/Xrpc/did-document", test_did_document);
  status = g_test_run ();

  soup_server_disconnect (server);
  g_clear_object (&server);
  g_free (base_url);

  return status;
}
