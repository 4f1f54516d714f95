/* test-publication-verify.c
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


/* The Check of a publication's site against a local HTTP server (SoupServer on 127.0.0.1)
 * serving right, wrong and missing proofs, a redirect, and one over TLS with a certificate no
 * one trusts. */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "byline-publication-verify.h"

#define PUB "at://did:plc:abc/site.standard.publication/3lpub"
#define DOC_A "at://did:plc:abc/site.standard.document/3lda"
#define DOC_B "at://did:plc:abc/site.standard.document/3ldb"
#define DOC_C "at://did:plc:abc/site.standard.document/3ldc"
#define DOC_D "at://did:plc:abc/site.standard.document/3ldd"
#define DOC_E "at://did:plc:abc/site.standard.document/3lde"

typedef SoupServer StoppedServer;

static void
respond (SoupServerMessage *message,
         guint              status,
         const char        *type,
         const char        *body)
{
  soup_server_message_set_status (message, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (message, type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  if (g_str_equal (path, "/right/.well-known/site.standard.publication"))
    respond (message, 200, "text/plain", PUB "\n");
  else if (g_str_equal (path, "/wrong/.well-known/site.standard.publication"))
    respond (message, 200, "text/plain", "at://did:plc:xyz/site.standard.publication/other");
  else if (g_str_equal (path, "/empty/.well-known/site.standard.publication"))
    respond (message, 200, "text/plain", "");
  else if (g_str_has_prefix (path, "/moved/"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Location", "https://www.harbour.example/");
      respond (message, 301, NULL, NULL);
    }
  else if (g_str_equal (path, "/right/notes/a"))
    respond (message, 200, "text/html",
             "<!doctype html><html><head><title>A</title>"
             "<LINK Rel='alternate site.standard.document' HREF='" DOC_A "'></head>"
             "<body>A</body></html>");
  else if (g_str_equal (path, "/right/notes/b/"))
    respond (message, 200, "text/html",
             "<html><head><link rel=\"stylesheet\" href=\"s.css\">"
             "<link rel=\"site.standard.document\" href=\"" DOC_A "\"></head></html>");
  else if (g_str_equal (path, "/right/notes/c"))
    respond (message, 200, "text/html", "<html><head></head><body>No tag</body></html>");
  else if (g_str_equal (path, "/right/broken"))
    respond (message, 500, "text/plain", "oops");
  else
    respond (message, 404, "text/plain", "not found");
}

static SoupServer *
start_server (char **base)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  GSList *uris;

  soup_server_add_handler (server, NULL, handler_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  *base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  /* "http://127.0.0.1:PORT/": the publications below add their folder. */
  if (g_str_has_suffix (*base, "/"))
    (*base)[strlen (*base) - 1] = '\0';

  return server;
}

/* Closes the server's connections and lets their last callbacks run while it still exists
 * (a TLS handshake the client gave up on ends later). */
static void
stop_server (SoupServer *server)
{
  soup_server_disconnect (server);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_object_unref (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoppedServer, stop_server)

static JsonArray *
documents (const char *url)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf (
    "["
    "{\"uri\":\"" DOC_A "\",\"cid\":\"c\",\"value\":{\"site\":\"" PUB "\",\"path\":\"/notes/a\"}},"
    "{\"uri\":\"" DOC_B "\",\"cid\":\"c\",\"value\":{\"site\":\"%s/\",\"path\":\"notes/b/\"}},"
    "{\"uri\":\"" DOC_C "\",\"cid\":\"c\",\"value\":{\"site\":\"" PUB "\",\"path\":\"/notes/c\"}},"
    "{\"uri\":\"" DOC_D "\",\"cid\":\"c\",\"value\":{\"site\":\"" PUB "\",\"path\":\"/notes/d\"}},"
    "{\"uri\":\"" DOC_E "\",\"cid\":\"c\",\"value\":{\"site\":\"https://other.example\","
    "\"path\":\"/e\"}}"
    "]", url);

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static void
verify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = byline_publication_verify_finish (result, &error);
  g_assert_no_error (error);
}

static GPtrArray *
verify (const char *url,
        JsonArray  *docs)
{
  GPtrArray *results = NULL;

  byline_publication_verify_async (url, PUB, docs, NULL, verify_cb, &results);
  while (results == NULL)
    g_main_context_iteration (NULL, TRUE);

  return results;
}

static const BylineVerifyResult *
result_at (GPtrArray *results,
           guint      i)
{
  g_assert_cmpuint (i, <, results->len);
  return g_ptr_array_index (results, i);
}

static void
test_find_link (void)
{
  g_autofree char *a = byline_publication_find_link (
    "<head><link href=\"x\" rel=\"icon\"><link\nrel=site.standard.document href=at://x/y/z>",
    -1);
  g_autofree char *b = byline_publication_find_link ("<head><title>No</title></head>", -1);

  g_assert_cmpstr (a, ==, "at://x/y/z");
  g_assert_null (b);
}

static void
test_right_site (void)
{
  g_autofree char *base = NULL;
  g_autoptr(StoppedServer) server = start_server (&base);
  g_autofree char *url = g_strconcat (base, "/right", NULL);
  g_autoptr(JsonArray) docs = documents (url);
  g_autoptr(GPtrArray) results = verify (url, docs);
  const BylineVerifyResult *result;

  /* The well-known file, then the publication's four documents (not the other site's). */
  g_assert_cmpuint (results->len, ==, 5);
  result = result_at (results, 0);
  g_assert_null (result->document_uri);
  g_assert_true (g_str_has_suffix (result->url, "/right/.well-known/site.standard.publication"));
  g_assert_cmpstr (result->expected, ==, PUB);
  g_assert_cmpint (result->state, ==, BYLINE_VERIFY_IN_PLACE);

  result = result_at (results, 1);
  g_assert_cmpstr (result->document_uri, ==, DOC_A);
  g_assert_cmpstr (result->expected, ==,
                   "<link rel=\"site.standard.document\" href=\"" DOC_A "\">");
  g_assert_cmpint (result->state, ==, BYLINE_VERIFY_IN_PLACE);

  /* B's page names A: the wrong record. */
  result = result_at (results, 2);
  g_assert_cmpstr (result->document_uri, ==, DOC_B);
  g_assert_true (g_str_has_suffix (result->url, "/right/notes/b/"));
  g_assert_cmpint (result->state, ==, BYLINE_VERIFY_WRONG_RECORD);
  g_assert_nonnull (strstr (result->message, DOC_A));

  /* C's page has no tag; D has no page. */
  result = result_at (results, 3);
  g_assert_cmpint (result->state, ==, BYLINE_VERIFY_MISSING);
  g_assert_nonnull (strstr (result->message, "link tag"));
  result = result_at (results, 4);
  g_assert_cmpint (result->state, ==, BYLINE_VERIFY_MISSING);
  g_assert_nonnull (strstr (result->message, "404"));
}

static void
test_wrong_missing_moved (void)
{
  g_autofree char *base = NULL;
  g_autoptr(StoppedServer) server = start_server (&base);
  const struct { const char *folder; BylineVerifyState state; const char *needle; } cases[] = {
    { "/wrong", BYLINE_VERIFY_WRONG_RECORD, "at://did:plc:xyz/site.standard.publication/other" },
    { "/empty", BYLINE_VERIFY_MISSING, "empty" },
    { "/missing", BYLINE_VERIFY_MISSING, "404" },
    { "/moved", BYLINE_VERIFY_REDIRECT, "https://www.harbour.example/" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strconcat (base, cases[i].folder, "/", NULL);
      g_autoptr(GPtrArray) results = verify (url, NULL);
      const BylineVerifyResult *result = result_at (results, 0);

      g_test_message ("%s: %s", cases[i].folder, result->message);
      g_assert_cmpuint (results->len, ==, 1);
      g_assert_cmpint (result->state, ==, cases[i].state);
      g_assert_nonnull (strstr (result->message, cases[i].needle));
    }
}

/* A TLS server with a certificate no one trusts: it only shakes hands. (SoupServer is not used
 * here: it may touch a connection whose handshake failed after letting it go.) */
typedef struct
{
  GTlsCertificate *certificate;
  gboolean         handshake_ended;
} TlsServer;

static void
handshake_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TlsServer *server = user_data;

  /* The client refuses the certificate: the handshake fails here too. */
  g_assert_false (g_tls_connection_handshake_finish (G_TLS_CONNECTION (object), result, NULL));
  g_io_stream_close (G_IO_STREAM (object), NULL, NULL);
  g_object_unref (object);
  server->handshake_ended = TRUE;
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  TlsServer *server = user_data;
  g_autoptr(GError) error = NULL;
  GIOStream *tls = g_tls_server_connection_new (G_IO_STREAM (connection), server->certificate,
                                                &error);

  g_assert_no_error (error);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, NULL,
                                    handshake_cb, server);
  return TRUE;
}

static void
test_tls_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "data", "tls", "cert.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "data", "tls", "key.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *url = NULL;
  TlsServer server = { NULL, FALSE };

  g_assert_no_error (error);
  server.certificate = certificate;
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (incoming_cb), &server);
  g_socket_service_start (service);

  url = g_strdup_printf ("https://127.0.0.1:%u/right",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  results = verify (url, NULL);
  g_test_message ("%s", result_at (results, 0)->message);
  g_assert_cmpint (result_at (results, 0)->state, ==, BYLINE_VERIFY_TLS_ERROR);

  while (!server.handshake_ended)
    g_main_context_iteration (NULL, TRUE);
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

static void
test_unreachable (void)
{
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GPtrArray) results = NULL;

  /* A port nothing listens on any more. */
  {
    g_autoptr(StoppedServer) server = start_server (&base);
  }
  url = g_strconcat (base, "/right", NULL);
  results = verify (url, NULL);
  g_assert_cmpint (result_at (results, 0)->state, ==, BYLINE_VERIFY_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/publication-verify/find-link", test_find_link);
  g_test_add_func ("/publication-verify/right-site", test_right_site);
  g_test_add_func ("/publication-verify/wrong-missing-moved", test_wrong_missing_moved);
  g_test_add_func ("/publication-verify/tls-error", test_tls_error);
  g_test_add_func ("/publication-verify/unreachable", test_unreachable);

  return g_test_run ();
}
