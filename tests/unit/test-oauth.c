/* test-oauth.c
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

/* AT Protocol OAuth without a real server: PKCE, the DPoP key and its proofs, the metadata
 * checks, and a sign-in against a small fake PDS and authorization server on 127.0.0.1 that
 * can answer the way a hostile or broken server would. */

#include "config.h"

#include <string.h>

#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <libsoup/soup.h>

#include "byline-dpop-key.h"
#include "byline-oauth-crypto.h"
#include "byline-oauth-flow.h"
#include "byline-oauth-loopback.h"
#include "byline-oauth-session.h"

#define DID "did:web:localhost%%3A%u"

/* How the fake server misbehaves. */
typedef struct
{
  gboolean    wrong_issuer;
  gboolean    nonce_without_header;
  gboolean    no_par_required;
  gboolean    refuse_granular;
  const char *sub;
  const char *scope;
  const char *claimed_handle;
} Hostility;

static SoupServer *server;
static char *origin;
static char *did;
static Hostility hostility;
static char *par_state;
static char *par_challenge;
static char *par_scope;
static char *par_client_id;
static char *par_redirect;
static guint token_requests;
static guint refresh_requests;
static guint revocations;
static char *current_refresh;
static gboolean proofs_had_nonce;
/* The PDS side: which access token counts as expired, whether writes are refused for their
 * scope, and the server's nonce, one for the whole origin as on the reference PDS. */
static char *expired_access;
static gboolean scope_refused;
static guint pds_calls;
static char *pds_nonce;

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json,
                                    strlen (json));
}

static JsonObject *
jwt_part (const char *jwt,
          guint       index)
{
  g_auto(GStrv) parts = g_strsplit (jwt, ".", -1);
  g_autofree guchar *raw = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  raw = byline_base64url_decode (parts[index], &len);
  g_assert_nonnull (raw);
  text = g_strndup ((const char *)raw, len);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The nonce the DPoP proof of @msg carries, or %NULL. */
static char *
proof_nonce (SoupServerMessage *msg)
{
  const char *proof = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "DPoP");
  g_autoptr(JsonObject) payload = NULL;

  g_assert_nonnull (proof);
  payload = jwt_part (proof, 1);

  return g_strdup (json_object_get_string_member_with_default (payload, "nonce", NULL));
}

static gboolean
require_nonce (SoupServerMessage *msg)
{
  g_autofree char *nonce = proof_nonce (msg);

  if (g_strcmp0 (nonce, pds_nonce) == 0)
    {
      proofs_had_nonce = TRUE;
      return TRUE;
    }
  if (!hostility.nonce_without_header)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "DPoP-Nonce",
                                  pds_nonce);
  respond (msg, 400, "{\"error\":\"use_dpop_nonce\"}");

  return FALSE;
}

static GHashTable *
form_of (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *text = g_strndup (body->data, body->length);

  return soup_form_decode (text);
}

static void
answer_tokens (SoupServerMessage *msg)
{
  g_autofree char *json = NULL;

  g_free (current_refresh);
  current_refresh = g_strdup_printf ("refresh-%u", token_requests);
  json = g_strdup_printf ("{\"access_token\":\"access-%u\",\"token_type\":\"DPoP\","
                          "\"refresh_token\":\"%s\",\"scope\":\"%s\",\"sub\":\"%s\","
                          "\"expires_in\":3600}",
                          token_requests, current_refresh,
                          hostility.scope ? hostility.scope : par_scope,
                          hostility.sub ? hostility.sub : did);
  respond (msg, 200, json);
}

static void
token (SoupServerMessage *msg)
{
  g_autoptr(GHashTable) form = form_of (msg);
  const char *grant = g_hash_table_lookup (form, "grant_type");

  if (!require_nonce (msg))
    return;
  token_requests++;
  if (g_strcmp0 (grant, "authorization_code") == 0)
    {
      g_autofree char *challenge = byline_oauth_s256 (g_hash_table_lookup (form, "code_verifier"));

      if (g_strcmp0 (g_hash_table_lookup (form, "code"), "code-1") != 0
          || g_strcmp0 (challenge, par_challenge) != 0
          || g_strcmp0 (g_hash_table_lookup (form, "redirect_uri"), par_redirect) != 0
          || g_strcmp0 (g_hash_table_lookup (form, "client_id"), par_client_id) != 0)
        {
          respond (msg, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"bad code\"}");
          return;
        }
      answer_tokens (msg);
    }
  else if (g_strcmp0 (grant, "refresh_token") == 0)
    {
      refresh_requests++;
      if (g_strcmp0 (g_hash_table_lookup (form, "refresh_token"), current_refresh) != 0)
        {
          respond (msg, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"used\"}");
          return;
        }
      answer_tokens (msg);
    }
  else
    respond (msg, 400, "{\"error\":\"unsupported_grant_type\"}");
}

static void
par (SoupServerMessage *msg)
{
  g_autoptr(GHashTable) form = form_of (msg);

  if (!require_nonce (msg))
    return;
  g_free (par_state);
  g_free (par_challenge);
  g_free (par_scope);
  g_free (par_client_id);
  g_free (par_redirect);
  par_state = g_strdup (g_hash_table_lookup (form, "state"));
  par_challenge = g_strdup (g_hash_table_lookup (form, "code_challenge"));
  par_scope = g_strdup (g_hash_table_lookup (form, "scope"));
  par_client_id = g_strdup (g_hash_table_lookup (form, "client_id"));
  par_redirect = g_strdup (g_hash_table_lookup (form, "redirect_uri"));
  if (hostility.refuse_granular && strstr (par_scope, "repo:") != NULL)
    {
      respond (msg, 400, "{\"error\":\"invalid_scope\","
                         "\"error_description\":\"unknown scope\"}");
      return;
    }
  g_assert_cmpstr (g_hash_table_lookup (form, "code_challenge_method"), ==, "S256");
  g_assert_cmpstr (g_hash_table_lookup (form, "response_type"), ==, "code");
  respond (msg, 201, "{\"request_uri\":\"urn:ietf:params:oauth:request_uri:req-1\","
                     "\"expires_in\":60}");
}

static void
server_metadata (SoupServerMessage *msg)
{
  g_autofree char *json = g_strdup_printf (
    "{\"issuer\":\"%s\",\"scopes_supported\":[\"atproto\",\"transition:generic\"],"
    "\"response_types_supported\":[\"code\"],"
    "\"grant_types_supported\":[\"authorization_code\",\"refresh_token\"],"
    "\"code_challenge_methods_supported\":[\"S256\"],"
    "\"dpop_signing_alg_values_supported\":[\"ES256\"],"
    "\"token_endpoint_auth_methods_supported\":[\"none\",\"private_key_jwt\"],"
    "\"authorization_response_iss_parameter_supported\":true,"
    "\"require_pushed_authorization_requests\":%s,"
    "\"client_id_metadata_document_supported\":true,"
    "\"authorization_endpoint\":\"%s/oauth/authorize\","
    "\"token_endpoint\":\"%s/oauth/token\","
    "\"revocation_endpoint\":\"%s/oauth/revoke\","
    "\"pushed_authorization_request_endpoint\":\"%s/oauth/par\"}",
    hostility.wrong_issuer ? "https://evil.example" : origin,
    hostility.no_par_required ? "false" : "true", origin, origin, origin, origin);

  respond (msg, 200, json);
}

/* com.atproto.repo.createRecord on the fake PDS: a DPoP-bound token, a proof with its hash
 * and the PDS's own nonce, which rotates. */
static void
create_record (SoupServerMessage *msg)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *authorization = soup_message_headers_get_one (request, "Authorization");
  const char *proof = soup_message_headers_get_one (request, "DPoP");
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *ath = NULL;

  pds_calls++;
  g_assert_nonnull (authorization);
  g_assert_true (g_str_has_prefix (authorization, "DPoP "));
  g_assert_nonnull (proof);
  payload = jwt_part (proof, 1);
  ath = byline_oauth_s256 (authorization + 5);
  g_assert_cmpstr (json_object_get_string_member_with_default (payload, "ath", NULL), ==, ath);
  g_assert_cmpstr (json_object_get_string_member (payload, "htm"), ==, "POST");

  if (g_strcmp0 (json_object_get_string_member_with_default (payload, "nonce", NULL),
                 pds_nonce) != 0)
    {
      soup_message_headers_replace (response, "DPoP-Nonce", pds_nonce);
      soup_message_headers_replace (response, "WWW-Authenticate",
                                    "DPoP error=\"use_dpop_nonce\"");
      respond (msg, 401, "{\"error\":\"use_dpop_nonce\"}");
      return;
    }
  if (g_strcmp0 (authorization + 5, expired_access) == 0)
    {
      soup_message_headers_replace (response, "WWW-Authenticate",
                                    "DPoP error=\"invalid_token\"");
      respond (msg, 401, "{\"error\":\"InvalidToken\",\"message\":\"expired\"}");
      return;
    }
  if (scope_refused)
    {
      respond (msg, 403, "{\"error\":\"InvalidRequest\",\"message\":\"Missing required "
                         "scope \\\"repo:app.bsky.feed.post?action=create\\\"\"}");
      return;
    }
  respond (msg, 200, "{\"uri\":\"at://x/app.bsky.feed.post/1\",\"cid\":\"bafy\"}");
}

static void
handler_cb (SoupServer        *srv,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  if (g_str_equal (path, "/.well-known/did.json"))
    {
      g_autofree char *json = g_strdup_printf (
        "{\"id\":\"%s\",\"alsoKnownAs\":[\"at://%s\"],"
        "\"service\":[{\"id\":\"#atproto_pds\",\"type\":\"AtprotoPersonalDataServer\","
        "\"serviceEndpoint\":\"%s\"}]}", did,
        hostility.claimed_handle ? hostility.claimed_handle : "alice.test", origin);

      respond (msg, 200, json);
    }
  else if (g_str_equal (path, "/xrpc/com.atproto.identity.resolveHandle"))
    {
      /* alice.test is this account; any other handle is someone else's. */
      const char *handle = query ? g_hash_table_lookup (query, "handle") : NULL;
      g_autofree char *json = g_strdup_printf ("{\"did\":\"%s\"}",
                                               g_strcmp0 (handle, "alice.test") == 0
                                                 ? did : "did:plc:someoneelse");

      respond (msg, 200, json);
    }
  else if (g_str_equal (path, "/.well-known/oauth-protected-resource"))
    {
      g_autofree char *json = g_strdup_printf ("{\"resource\":\"%s\","
                                               "\"authorization_servers\":[\"%s\"]}",
                                               origin, origin);

      respond (msg, 200, json);
    }
  else if (g_str_equal (path, "/.well-known/oauth-authorization-server"))
    server_metadata (msg);
  else if (g_str_equal (path, "/oauth/par"))
    par (msg);
  else if (g_str_equal (path, "/oauth/token"))
    token (msg);
  else if (g_str_equal (path, "/xrpc/com.atproto.repo.createRecord"))
    create_record (msg);
  else if (g_str_equal (path, "/oauth/revoke"))
    {
      revocations++;
      soup_server_message_set_status (msg, 200, NULL);
    }
  else
    respond (msg, 404, "{\"error\":\"NotFound\"}");
}

static void
reset (void)
{
  memset (&hostility, 0, sizeof hostility);
  token_requests = refresh_requests = revocations = 0;
  proofs_had_nonce = FALSE;
  scope_refused = FALSE;
  pds_calls = 0;
  g_clear_pointer (&expired_access, g_free);
  g_set_str (&pds_nonce, "nonce-1");
  g_clear_pointer (&par_state, g_free);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static BylineOAuthFlow *
new_flow (void)
{
  g_autoptr(BylineXrpcClient) resolver = byline_xrpc_client_new (origin);

  return byline_oauth_flow_new (resolver, NULL);
}

/* Starts a sign-in for the fake account; returns the authorization address or sets @error. */
static char *
start (BylineOAuthFlow  *flow,
       const char       *redirect,
       GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_oauth_flow_start_async (flow, did, redirect, NULL, result_cb, &result);

  return byline_oauth_flow_start_finish (flow, wait_for (&result), error);
}

static BylineOAuthSession *
complete (BylineOAuthFlow  *flow,
          const char       *state,
          const char       *iss,
          GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (query, "code", "code-1");
  if (state != NULL)
    g_hash_table_insert (query, "state", (char *)state);
  if (iss != NULL)
    g_hash_table_insert (query, "iss", (char *)iss);
  byline_oauth_flow_complete_async (flow, query, NULL, result_cb, &result);

  return byline_oauth_flow_complete_finish (flow, wait_for (&result), error);
}

static BylineOAuthSession *
sign_in (GError **error)
{
  g_autoptr(BylineOAuthFlow) flow = new_flow ();
  g_autofree char *url = start (flow, "http://127.0.0.1:4567/callback", error);

  if (url == NULL)
    return NULL;

  return complete (flow, par_state, origin, error);
}

static void
test_pkce (void)
{
  g_autofree char *challenge = NULL;
  g_autofree char *a = byline_oauth_pkce_new_verifier ();
  g_autofree char *b = byline_oauth_pkce_new_verifier ();

  /* RFC 7636, appendix B. */
  challenge = byline_oauth_s256 ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

  g_assert_cmpuint (strlen (a), ==, 43);
  g_assert_cmpstr (a, !=, b);
  for (const char *p = a; *p != '\0'; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');
}

static void
test_base64url (void)
{
  const guchar bytes[] = { 0xfb, 0xff, 0xfe, 0x00, 0x3e };
  g_autofree char *text = byline_base64url_encode (bytes, sizeof bytes);
  g_autofree guchar *back = NULL;
  gsize len;

  g_assert_cmpstr (text, ==, "-__-AD4");
  back = byline_base64url_decode (text, &len);
  g_assert_cmpmem (back, len, bytes, sizeof bytes);
  g_assert_null (byline_base64url_decode ("not base64!", &len));
}

/* Verifies @jwt's ES256 signature with @jwk through GnuTLS's public-key API. */
static gboolean
signature_verifies (const char *jwt,
                    JsonObject *jwk)
{
  g_auto(GStrv) parts = g_strsplit (jwt, ".", -1);
  g_autofree char *input = g_strconcat (parts[0], ".", parts[1], NULL);
  g_autofree guchar *sig = NULL, *x = NULL, *y = NULL;
  gsize sig_len, x_len, y_len;
  gnutls_datum_t xd, yd, r, s, der = { NULL, 0 }, data;
  gnutls_pubkey_t pub;
  int ret;

  sig = byline_base64url_decode (parts[2], &sig_len);
  x = byline_base64url_decode (json_object_get_string_member (jwk, "x"), &x_len);
  y = byline_base64url_decode (json_object_get_string_member (jwk, "y"), &y_len);
  g_assert_cmpuint (sig_len, ==, 64);
  g_assert_cmpuint (x_len, ==, 32);
  g_assert_cmpuint (y_len, ==, 32);
  xd = (gnutls_datum_t) { x, x_len };
  yd = (gnutls_datum_t) { y, y_len };
  r = (gnutls_datum_t) { sig, 32 };
  s = (gnutls_datum_t) { sig + 32, 32 };
  data = (gnutls_datum_t) { (guchar *)input, strlen (input) };
  g_assert_cmpint (gnutls_pubkey_init (&pub), ==, 0);
  g_assert_cmpint (gnutls_pubkey_import_ecc_raw (pub, GNUTLS_ECC_CURVE_SECP256R1, &xd, &yd), ==, 0);
  g_assert_cmpint (gnutls_encode_rs_value (&der, &r, &s), ==, 0);
  ret = gnutls_pubkey_verify_data2 (pub, GNUTLS_SIGN_ECDSA_SHA256, 0, &data, &der);
  gnutls_free (der.data);
  gnutls_pubkey_deinit (pub);

  return ret >= 0;
}

static void
test_dpop_proof (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineDpopKey) key = byline_dpop_key_generate (&error);
  g_autoptr(BylineDpopKey) again = NULL;
  g_autoptr(JsonObject) jwk = NULL, jwk_again = NULL, header = NULL, payload = NULL;
  g_autoptr(JsonObject) other_header = NULL, other_payload = NULL;
  g_autofree char *pem = NULL, *proof = NULL, *other = NULL, *ath = NULL, *tampered = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_no_error (error);
  pem = byline_dpop_key_to_pem (key, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pem, "-----BEGIN PRIVATE KEY-----"));
  again = byline_dpop_key_new_from_pem (pem, &error);
  g_assert_no_error (error);
  jwk = byline_dpop_key_dup_public_jwk (key);
  jwk_again = byline_dpop_key_dup_public_jwk (again);
  g_assert_cmpstr (json_object_get_string_member (jwk, "x"), ==,
                   json_object_get_string_member (jwk_again, "x"));
  g_assert_cmpstr (json_object_get_string_member (jwk, "kty"), ==, "EC");
  g_assert_cmpstr (json_object_get_string_member (jwk, "crv"), ==, "P-256");
  g_assert_false (json_object_has_member (jwk, "d"));

  proof = byline_dpop_key_create_proof (again, "POST",
                                        "https://pds.example/xrpc/a.b?x=1#frag", "n-1",
                                        "token-1", &error);
  g_assert_no_error (error);
  header = jwt_part (proof, 0);
  payload = jwt_part (proof, 1);
  g_assert_cmpstr (json_object_get_string_member (header, "typ"), ==, "dpop+jwt");
  g_assert_cmpstr (json_object_get_string_member (header, "alg"), ==, "ES256");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (header, "jwk"),
                                                  "y"), ==,
                   json_object_get_string_member (jwk, "y"));
  g_assert_cmpstr (json_object_get_string_member (payload, "htm"), ==, "POST");
  g_assert_cmpstr (json_object_get_string_member (payload, "htu"), ==,
                   "https://pds.example/xrpc/a.b");
  g_assert_cmpstr (json_object_get_string_member (payload, "nonce"), ==, "n-1");
  ath = byline_oauth_s256 ("token-1");
  g_assert_cmpstr (json_object_get_string_member (payload, "ath"), ==, ath);
  g_assert_cmpint (ABS (json_object_get_int_member (payload, "iat") - now), <=, 5);
  g_assert_true (signature_verifies (proof, jwk));

  /* A fresh jti each time, and no nonce or ath unless given. */
  other = byline_dpop_key_create_proof (key, "GET", "https://pds.example/", NULL, NULL, &error);
  g_assert_no_error (error);
  other_header = jwt_part (other, 0);
  other_payload = jwt_part (other, 1);
  g_assert_cmpstr (json_object_get_string_member (payload, "jti"), !=,
                   json_object_get_string_member (other_payload, "jti"));
  g_assert_false (json_object_has_member (other_payload, "nonce"));
  g_assert_false (json_object_has_member (other_payload, "ath"));
  g_assert_true (signature_verifies (other, jwk));

  /* A changed claim breaks the signature. */
  tampered = g_strdup (proof);
  tampered[strlen (tampered) - 5] = tampered[strlen (tampered) - 5] == 'A' ? 'B' : 'A';
  g_assert_false (signature_verifies (tampered, jwk));
}

static void
test_redirect_uri (void)
{
  const char *good[] = { "http://127.0.0.1:4567/callback", "http://[::1]:80/" };
  const char *bad[] = { "http://example.com:4567/callback", "https://127.0.0.1:4567/",
                        "http://localhost:4567/", "http://127.0.0.1/callback",
                        "http://user@127.0.0.1:1/", "myapp://callback", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (byline_oauth_check_redirect_uri (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (byline_oauth_check_redirect_uri (bad[i], &error));
      g_assert_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_NOT_LOOPBACK);
    }
}

static JsonObject *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_metadata_checks (void)
{
  const char *good =
    "{\"issuer\":\"https://as.example\",\"scopes_supported\":[\"atproto\"],"
    "\"response_types_supported\":[\"code\"],"
    "\"grant_types_supported\":[\"authorization_code\",\"refresh_token\"],"
    "\"code_challenge_methods_supported\":[\"S256\"],"
    "\"dpop_signing_alg_values_supported\":[\"ES256\"],"
    "\"token_endpoint_auth_methods_supported\":[\"none\"],"
    "\"authorization_response_iss_parameter_supported\":true,"
    "\"require_pushed_authorization_requests\":true,"
    "\"client_id_metadata_document_supported\":true,"
    "\"authorization_endpoint\":\"https://as.example/authorize\","
    "\"token_endpoint\":\"https://as.example/token\","
    "\"pushed_authorization_request_endpoint\":\"https://as.example/par\"}";
  struct { const char *from, *to; gint code; } cases[] = {
    { "\"issuer\":\"https://as.example\"", "\"issuer\":\"https://as.example/\"",
      BYLINE_OAUTH_ERROR_ISSUER_MISMATCH },
    { "[\"atproto\"]", "[\"openid\"]", BYLINE_OAUTH_ERROR_INVALID_METADATA },
    { "[\"S256\"]", "[\"plain\"]", BYLINE_OAUTH_ERROR_INVALID_METADATA },
    { "[\"ES256\"]", "[\"RS256\"]", BYLINE_OAUTH_ERROR_INVALID_METADATA },
    { "[\"none\"]", "[\"private_key_jwt\"]", BYLINE_OAUTH_ERROR_INVALID_METADATA },
    { "\"require_pushed_authorization_requests\":true",
      "\"require_pushed_authorization_requests\":false", BYLINE_OAUTH_ERROR_INVALID_METADATA },
    { "parameter_supported\":true", "parameter_supported\":false",
      BYLINE_OAUTH_ERROR_INVALID_METADATA },
    { "\"https://as.example/token\"", "\"http://as.example/token\"",
      BYLINE_OAUTH_ERROR_INVALID_METADATA },
  };
  g_autoptr(JsonObject) metadata = parse (good);
  g_autoptr(JsonObject) resource = NULL;
  g_autofree char *issuer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (byline_oauth_check_server_metadata (metadata, "https://as.example", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = g_string_new (good);
      g_autoptr(JsonObject) changed = NULL;
      g_autoptr(GError) case_error = NULL;

      g_assert_cmpuint (g_string_replace (text, cases[i].from, cases[i].to, 1), ==, 1);
      changed = parse (text->str);
      g_assert_false (byline_oauth_check_server_metadata (changed, "https://as.example",
                                                          &case_error));
      g_assert_error (case_error, BYLINE_OAUTH_ERROR, cases[i].code);
    }

  resource = parse ("{\"resource\":\"https://pds.example\","
                    "\"authorization_servers\":[\"https://as.example\"]}");
  issuer = byline_oauth_check_resource_metadata (resource, "https://pds.example/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (issuer, ==, "https://as.example");
  g_clear_pointer (&issuer, g_free);
  issuer = byline_oauth_check_resource_metadata (resource, "https://other.example", &error);
  g_assert_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_INVALID_METADATA);
  g_assert_null (issuer);
}

static void
test_sign_in (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineOAuthSession) session = NULL;
  g_autoptr(BylineOAuthSession) restored = NULL;
  g_autofree char *json = NULL;
  g_autofree char *client_id = NULL;

  reset ();
  session = sign_in (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (byline_oauth_session_get_did (session), ==, did);
  g_assert_cmpstr (byline_oauth_session_get_access_token (session), ==, "access-1");
  g_assert_cmpstr (byline_oauth_session_get_pds (session), ==, origin);
  g_assert_false (byline_oauth_session_is_expiring (session));
  /* The granular permissions, asked of a server that enumerates no granular scope. */
  g_assert_cmpstr (par_scope, ==, BYLINE_OAUTH_SCOPE_GRANULAR);
  g_assert_true (proofs_had_nonce);
  client_id = g_strdup_printf ("http://localhost?redirect_uri=%s&scope=%s",
                               "http%3A%2F%2F127.0.0.1%3A4567%2Fcallback",
                               "atproto%20repo%3Asite.standard.document%20repo%3Asite."
                               "standard.publication%20repo%3Aapp.bsky.feed.post%3Faction%3D"
                               "create%20blob%3A%2A%2F%2A");
  g_assert_cmpstr (par_client_id, ==, client_id);

  /* Kept and restored with its key: the proofs still verify with the same public key. */
  json = byline_oauth_session_to_json (session, &error);
  g_assert_no_error (error);
  restored = byline_oauth_session_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (byline_oauth_session_get_did (restored), ==, did);
  g_assert_cmpstr (byline_oauth_session_get_access_token (restored), ==, "access-1");
}

static void
test_authorization_url (void)
{
  g_autoptr(BylineOAuthFlow) flow = new_flow ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *prefix = NULL;

  reset ();
  url = start (flow, "http://127.0.0.1:4567/callback", &error);
  g_assert_no_error (error);
  prefix = g_strdup_printf ("%s/oauth/authorize?client_id=http%%3A%%2F%%2Flocalhost%%3F", origin);
  g_assert_true (g_str_has_prefix (url, prefix));
  g_assert_nonnull (strstr (url, "&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Areq-1"));
  g_assert_cmpstr (byline_oauth_flow_get_issuer (flow), ==, origin);
}

/* A server without the granular permissions: the broad scope, and the flow says so. */
static void
test_scope_fallback (void)
{
  g_autoptr(BylineOAuthFlow) flow = new_flow ();
  g_autoptr(BylineOAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *client_id = NULL;

  reset ();
  hostility.refuse_granular = TRUE;
  url = start (flow, "http://127.0.0.1:4567/callback", &error);
  g_assert_no_error (error);
  g_assert_true (byline_oauth_flow_is_scope_fallback (flow));
  g_assert_cmpstr (par_scope, ==, BYLINE_OAUTH_SCOPE_TRANSITIONAL);
  /* The loopback client id carries the scope asked for. */
  g_assert_nonnull (strstr (par_client_id, "scope=atproto%20transition%3Ageneric"));
  session = complete (flow, par_state, origin, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (byline_oauth_session_get_scope (session), ==, BYLINE_OAUTH_SCOPE_TRANSITIONAL);
}

/* Signing in with a server address: the handle the account's document claims is shown only
 * when it resolves back to the account. */
static void
test_server_address_handle (void)
{
  const char *claims[] = { "alice.test", "victim.test" };

  for (guint i = 0; i < G_N_ELEMENTS (claims); i++)
    {
      g_autoptr(BylineOAuthFlow) flow = new_flow ();
      g_autoptr(BylineOAuthSession) session = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *url = NULL;

      reset ();
      hostility.claimed_handle = claims[i];
      byline_oauth_flow_start_async (flow, origin, "http://127.0.0.1:4567/callback", NULL,
                                     result_cb, &result);
      url = byline_oauth_flow_start_finish (flow, wait_for (&result), &error);
      g_assert_no_error (error);
      session = complete (flow, par_state, origin, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (byline_oauth_session_get_did (session), ==, did);
      /* A hostile document naming someone else's handle: no handle, the DID is shown. */
      g_assert_cmpstr (byline_oauth_session_get_handle (session), ==,
                       i == 0 ? "alice.test" : NULL);
    }
}

static void
test_hostile_wrong_iss (void)
{
  g_autoptr(BylineOAuthFlow) flow = new_flow ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(BylineOAuthSession) session = NULL;

  reset ();
  url = start (flow, "http://127.0.0.1:4567/callback", &error);
  g_assert_no_error (error);
  session = complete (flow, par_state, "https://evil.example", &error);
  g_assert_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_ISSUER_MISMATCH);
  g_assert_null (session);
  g_assert_cmpuint (token_requests, ==, 0);
}

static void
test_hostile_state (void)
{
  g_autoptr(BylineOAuthFlow) flow = new_flow ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(BylineOAuthSession) session = NULL;

  reset ();
  url = start (flow, "http://127.0.0.1:4567/callback", &error);
  g_assert_no_error (error);
  session = complete (flow, "forged-state", origin, &error);
  g_assert_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_STATE_MISMATCH);
  g_clear_error (&error);
  /* A spent state cannot be replayed either. */
  session = complete (flow, par_state, origin, &error);
  g_assert_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_STATE_MISMATCH);
  g_assert_cmpuint (token_requests, ==, 0);
}

static void
test_hostile_sub (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineOAuthSession) session = NULL;

  reset ();
  hostility.sub = "did:plc:someoneelse";
  session = sign_in (&error);
  g_assert_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_SUBJECT_MISMATCH);
  g_assert_null (session);
}

static void
test_hostile_scope (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineOAuthSession) session = NULL;

  reset ();
  hostility.scope = "transition:generic";
  session = sign_in (&error);
  g_assert_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_SCOPE);
  g_assert_null (session);
}

static void
test_hostile_issuer_metadata (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineOAuthSession) session = NULL;

  reset ();
  hostility.wrong_issuer = TRUE;
  session = sign_in (&error);
  g_assert_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_ISSUER_MISMATCH);
  g_assert_null (par_state);

  reset ();
  hostility.no_par_required = TRUE;
  g_clear_error (&error);
  session = sign_in (&error);
  g_assert_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_INVALID_METADATA);
}

static void
test_hostile_nonce (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineOAuthSession) session = NULL;

  reset ();
  hostility.nonce_without_header = TRUE;
  session = sign_in (&error);
  g_assert_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_NONCE);
  g_assert_null (session);
}

static void
test_hostile_redirect (void)
{
  g_autoptr(BylineOAuthFlow) flow = new_flow ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  reset ();
  url = start (flow, "http://attacker.example:4567/callback", &error);
  g_assert_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_NOT_LOOPBACK);
  g_assert_null (url);
  g_assert_null (par_state);
}

static void
test_refresh_one_at_a_time (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineOAuthSession) session = NULL;
  g_autoptr(GAsyncResult) first = NULL, second = NULL, revoked = NULL, late = NULL;

  reset ();
  session = sign_in (&error);
  g_assert_no_error (error);

  /* Two callers at once: one refresh on the wire, both renewed. */
  byline_oauth_session_refresh_async (session, NULL, result_cb, &first);
  byline_oauth_session_refresh_async (session, NULL, result_cb, &second);
  g_assert_true (byline_oauth_session_refresh_finish (session, wait_for (&first), &error));
  g_assert_true (byline_oauth_session_refresh_finish (session, wait_for (&second), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (refresh_requests, ==, 1);
  g_assert_cmpstr (byline_oauth_session_get_access_token (session), ==, "access-2");

  /* Revoked, the session holds nothing and cannot be renewed. */
  byline_oauth_session_revoke_async (session, NULL, result_cb, &revoked);
  g_assert_true (byline_oauth_session_revoke_finish (session, wait_for (&revoked), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (revocations, ==, 1);
  g_assert_null (byline_oauth_session_get_access_token (session));
  byline_oauth_session_refresh_async (session, NULL, result_cb, &late);
  g_assert_false (byline_oauth_session_refresh_finish (session, wait_for (&late), &error));
  g_assert_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_SESSION_EXPIRED);
}

static GError *
create_post (BylineXrpcClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;

  json_object_set_string_member (record, "text", "hello");
  byline_xrpc_client_create_record_async (client, "app.bsky.feed.post", record, NULL, result_cb,
                                          &result);
  answer = byline_xrpc_client_call_finish (client, wait_for (&result), &error);
  g_assert_true ((answer != NULL) == (error == NULL));

  return error;
}

static void
test_xrpc_with_session (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineOAuthSession) session = NULL;
  g_autoptr(BylineXrpcClient) client = byline_xrpc_client_new (NULL);
  g_autoptr(GAsyncResult) revoked = NULL;

  reset ();
  session = sign_in (&error);
  g_assert_no_error (error);
  byline_xrpc_client_set_oauth_session (client, session);
  g_assert_cmpstr (byline_xrpc_client_get_did (client), ==, did);
  g_assert_cmpstr (byline_xrpc_client_get_service (client), ==, origin);
  g_assert_true (byline_xrpc_client_is_signed_in (client));

  /* The nonce of the sign-in serves the same origin. */
  error = create_post (client);
  g_assert_no_error (error);
  g_assert_cmpuint (pds_calls, ==, 1);

  /* A rotated nonce: the call is repeated once with the new one. */
  g_set_str (&pds_nonce, "nonce-2");
  pds_calls = 0;
  error = create_post (client);
  g_assert_no_error (error);
  g_assert_cmpuint (pds_calls, ==, 2);

  /* An expired access token is renewed once and the call repeated. */
  g_set_str (&expired_access, byline_oauth_session_get_access_token (session));
  pds_calls = 0;
  error = create_post (client);
  g_assert_no_error (error);
  g_assert_cmpuint (refresh_requests, ==, 1);
  g_assert_cmpuint (pds_calls, ==, 2);

  /* A write outside the granted scope names the permission. */
  scope_refused = TRUE;
  error = create_post (client);
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_SCOPE_MISSING);
  g_assert_nonnull (strstr (error->message, "repo:app.bsky.feed.post?action=create"));
  g_clear_error (&error);
  scope_refused = FALSE;

  /* Revoked elsewhere: the refresh is refused and the writer is asked to sign in again. */
  g_free (current_refresh);
  current_refresh = g_strdup ("revoked");
  g_set_str (&expired_access, byline_oauth_session_get_access_token (session));
  error = create_post (client);
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_EXPIRED_TOKEN);
  g_clear_error (&error);
  byline_oauth_session_revoke_async (session, NULL, result_cb, &revoked);
  g_assert_true (byline_oauth_session_revoke_finish (session, wait_for (&revoked), &error));
}

/* The metadata document shipped for hosting asks for what the code asks for. */
static void
test_client_metadata (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "oauth-client-metadata.json.in", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) metadata = NULL;
  g_auto(GStrv) granular = g_strsplit (BYLINE_OAUTH_SCOPE_GRANULAR, " ", -1);
  g_auto(GStrv) transitional = g_strsplit (BYLINE_OAUTH_SCOPE_TRANSITIONAL, " ", -1);
  const char *scope;
  JsonArray *redirects;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  metadata = parse (text);
  g_assert_cmpstr (json_object_get_string_member (metadata, "client_id"), ==, "@client_id@");
  g_assert_cmpstr (json_object_get_string_member (metadata, "application_type"), ==, "native");
  g_assert_cmpstr (json_object_get_string_member (metadata, "token_endpoint_auth_method"), ==,
                   "none");
  g_assert_true (json_object_get_boolean_member (metadata, "dpop_bound_access_tokens"));
  redirects = json_object_get_array_member (metadata, "redirect_uris");
  g_assert_cmpuint (json_array_get_length (redirects), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (redirects, 0), ==, "http://127.0.0.1/callback");
  scope = json_object_get_string_member (metadata, "scope");
  for (guint i = 0; granular[i] != NULL; i++)
    g_assert_true (byline_oauth_scope_contains (scope, granular[i]));
  for (guint i = 0; transitional[i] != NULL; i++)
    g_assert_true (byline_oauth_scope_contains (scope, transitional[i]));
}

/* A request from the "browser", while the main context serves the listener. */
static GBytes *
browse (SoupSession  *browser,
        SoupMessage  *msg,
        GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  soup_session_send_and_read_async (browser, msg, G_PRIORITY_DEFAULT, NULL, result_cb, &result);

  return soup_session_send_and_read_finish (browser, wait_for (&result), error);
}

/* The loopback listener: one request to /callback on 127.0.0.1, then closed. */
static void
test_loopback (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineOAuthLoopback) loopback = byline_oauth_loopback_new (&error);
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(SoupMessage) other = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) second = NULL;
  g_autofree char *url = NULL;
  g_autofree char *other_url = NULL;
  const char *redirect;

  g_assert_no_error (error);
  redirect = byline_oauth_loopback_get_redirect_uri (loopback);
  g_assert_true (g_str_has_prefix (redirect, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (redirect, "/callback"));
  g_assert_true (byline_oauth_check_redirect_uri (redirect, NULL));
  byline_oauth_loopback_wait_async (loopback, NULL, result_cb, &result);

  /* Another path is not the redirect. */
  other_url = g_strdup_printf ("%.*s/favicon.ico", (int)(strlen (redirect) - 9), redirect);
  other = soup_message_new ("GET", other_url);
  g_bytes_unref (browse (browser, other, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (other), ==, 404);
  g_assert_null (result);

  url = g_strdup_printf ("%s?code=c-1&state=s-1&iss=http%%3A%%2F%%2Flocalhost", redirect);
  msg = soup_message_new ("GET", url);
  page = browse (browser, msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  query = byline_oauth_loopback_wait_finish (loopback, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (query, "code"), ==, "c-1");
  g_assert_cmpstr (g_hash_table_lookup (query, "state"), ==, "s-1");
  g_assert_cmpstr (g_hash_table_lookup (query, "iss"), ==, "http://localhost");

  /* Then the port is closed. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  second = soup_message_new ("GET", url);
  again = browse (browser, second, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  origin = g_strdup_printf ("http://localhost:%d", g_uri_get_port (uris->data));
  did = g_strdup_printf (DID, (guint)g_uri_get_port (uris->data));

  g_test_add_func ("/oauth/pkce", test_pkce);
  g_test_add_func ("/oauth/base64url", test_base64url);
  g_test_add_func ("/oauth/dpop-proof", test_dpop_proof);
  g_test_add_func ("/oauth/redirect-uri", test_redirect_uri);
  g_test_add_func ("/oauth/metadata-checks", test_metadata_checks);
  g_test_add_func ("/oauth/sign-in", test_sign_in);
  g_test_add_func ("/oauth/authorization-url", test_authorization_url);
  g_test_add_func ("/oauth/refresh-one-at-a-time", test_refresh_one_at_a_time);
  g_test_add_func ("/oauth/client-metadata", test_client_metadata);
  g_test_add_func ("/oauth/scope-fallback", test_scope_fallback);
  g_test_add_func ("/oauth/loopback", test_loopback);
  g_test_add_func ("/oauth/xrpc-with-session", test_xrpc_with_session);
  g_test_add_func ("/oauth/server-address-handle", test_server_address_handle);
  g_test_add_func ("/oauth/hostile/wrong-iss", test_hostile_wrong_iss);
  g_test_add_func ("/oauth/hostile/state", test_hostile_state);
  g_test_add_func ("/oauth/hostile/sub", test_hostile_sub);
  g_test_add_func ("/oauth/hostile/scope", test_hostile_scope);
  g_test_add_func ("/oauth/hostile/issuer-metadata", test_hostile_issuer_metadata);
  g_test_add_func ("/oauth/hostile/missing-nonce", test_hostile_nonce);
  g_test_add_func ("/oauth/hostile/redirect", test_hostile_redirect);

  ret = g_test_run ();
  g_clear_object (&server);

  return ret;
}
