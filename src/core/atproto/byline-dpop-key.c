/* byline-dpop-key.c
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

#define G_LOG_DOMAIN "byline-dpop-key"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "byline-dpop-key.h"
#include "byline-oauth-crypto.h"
#include "byline-oauth-session.h"

/*
 * The P-256 key an OAuth session is bound to (DPoP, RFC 9449), and the ES256 proofs it signs.
 * GnuTLS does the elliptic-curve work; the key leaves the process only as PKCS#8 for the
 * keyring.
 */

#define COORDINATE_SIZE 32

struct _BylineDpopKey
{
  GObject           parent_instance;

  gnutls_privkey_t  key;
  /* The public half as a JWK, computed once. */
  JsonObject       *jwk;
};

G_DEFINE_FINAL_TYPE (BylineDpopKey, byline_dpop_key, G_TYPE_OBJECT)

static gboolean
gnutls_failed (int      ret,
               GError **error)
{
  if (ret >= 0)
    return FALSE;
  g_set_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_FAILED,
               _("The sign-in key could not be used: %s"), gnutls_strerror (ret));

  return TRUE;
}

/* An unsigned big-endian integer as exactly @size bytes: GnuTLS may drop leading zeros, and
 * DER may add one for the sign. */
static gboolean
fixed_width (const gnutls_datum_t *value,
             guchar               *out,
             gsize                 size)
{
  const guchar *data = value->data;
  gsize len = value->size;

  while (len > size && *data == 0)
    {
      data++;
      len--;
    }
  if (len > size)
    return FALSE;
  memset (out, 0, size - len);
  memcpy (out + size - len, data, len);

  return TRUE;
}

static void
set_string_take (JsonObject *object,
                 const char *name,
                 char       *value)
{
  json_object_set_string_member (object, name, value);
  g_free (value);
}

static gboolean
compute_jwk (BylineDpopKey  *self,
             GError        **error)
{
  gnutls_pubkey_t pub = NULL;
  gnutls_ecc_curve_t curve;
  gnutls_datum_t x = { NULL, 0 }, y = { NULL, 0 };
  guchar xb[COORDINATE_SIZE], yb[COORDINATE_SIZE];
  gboolean ok = FALSE;
  int ret;

  if ((ret = gnutls_pubkey_init (&pub)) < 0
      || (ret = gnutls_pubkey_import_privkey (pub, self->key, 0, 0)) < 0
      || (ret = gnutls_pubkey_export_ecc_raw2 (pub, &curve, &x, &y, 0)) < 0)
    {
      gnutls_failed (ret, error);
      goto out;
    }
  if (curve != GNUTLS_ECC_CURVE_SECP256R1 || !fixed_width (&x, xb, sizeof xb)
      || !fixed_width (&y, yb, sizeof yb))
    {
      g_set_error_literal (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_FAILED,
                           _("The sign-in key is not a P-256 key."));
      goto out;
    }

  self->jwk = json_object_new ();
  json_object_set_string_member (self->jwk, "kty", "EC");
  json_object_set_string_member (self->jwk, "crv", "P-256");
  set_string_take (self->jwk, "x", byline_base64url_encode (xb, sizeof xb));
  set_string_take (self->jwk, "y", byline_base64url_encode (yb, sizeof yb));
  ok = TRUE;

out:
  gnutls_free (x.data);
  gnutls_free (y.data);
  if (pub != NULL)
    gnutls_pubkey_deinit (pub);

  return ok;
}

static void
byline_dpop_key_finalize (GObject *object)
{
  BylineDpopKey *self = (BylineDpopKey *)object;

  g_clear_pointer (&self->key, gnutls_privkey_deinit);
  g_clear_pointer (&self->jwk, json_object_unref);

  G_OBJECT_CLASS (byline_dpop_key_parent_class)->finalize (object);
}

static void
byline_dpop_key_class_init (BylineDpopKeyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = byline_dpop_key_finalize;
}

static void
byline_dpop_key_init (BylineDpopKey *self)
{
}

static BylineDpopKey *
finish_key (gnutls_privkey_t   key,
            GError           **error)
{
  g_autoptr(BylineDpopKey) self = g_object_new (BYLINE_TYPE_DPOP_KEY, NULL);

  self->key = key;
  if (!compute_jwk (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * byline_dpop_key_generate:
 * @error: return location for an error
 *
 * Returns: (transfer full): a new P-256 key
 */
BylineDpopKey *
byline_dpop_key_generate (GError **error)
{
  gnutls_privkey_t key = NULL;
  int ret;

  if ((ret = gnutls_privkey_init (&key)) < 0
      || (ret = gnutls_privkey_generate2 (key, GNUTLS_PK_ECDSA,
                                          GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1),
                                          0, NULL, 0)) < 0)
    {
      g_clear_pointer (&key, gnutls_privkey_deinit);
      gnutls_failed (ret, error);
      return NULL;
    }

  return finish_key (key, error);
}

/**
 * byline_dpop_key_new_from_pem:
 * @pem: a PKCS#8 private key from [method@DpopKey.to_pem]
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the key
 */
BylineDpopKey *
byline_dpop_key_new_from_pem (const char  *pem,
                              GError     **error)
{
  gnutls_privkey_t key = NULL;
  gnutls_datum_t data = { (guchar *)pem, strlen (pem) };
  int ret;

  g_return_val_if_fail (pem != NULL, NULL);

  if ((ret = gnutls_privkey_init (&key)) < 0
      || (ret = gnutls_privkey_import_x509_raw (key, &data, GNUTLS_X509_FMT_PEM, NULL,
                                                GNUTLS_PKCS_PLAIN)) < 0)
    {
      g_clear_pointer (&key, gnutls_privkey_deinit);
      gnutls_failed (ret, error);
      return NULL;
    }

  return finish_key (key, error);
}

/**
 * byline_dpop_key_to_pem:
 * @self: a key
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the private key as unencrypted PKCS#8 PEM, for the
 *   keyring only
 */
char *
byline_dpop_key_to_pem (BylineDpopKey  *self,
                        GError        **error)
{
  gnutls_x509_privkey_t x509 = NULL;
  gnutls_datum_t out = { NULL, 0 };
  char *pem = NULL;
  int ret;

  g_return_val_if_fail (BYLINE_IS_DPOP_KEY (self), NULL);

  if ((ret = gnutls_privkey_export_x509 (self->key, &x509)) < 0
      || (ret = gnutls_x509_privkey_export2_pkcs8 (x509, GNUTLS_X509_FMT_PEM, NULL,
                                                   GNUTLS_PKCS_PLAIN, &out)) < 0)
    gnutls_failed (ret, error);
  else
    pem = g_strndup ((const char *)out.data, out.size);

  if (out.data != NULL)
    {
      gnutls_memset (out.data, 0, out.size);
      gnutls_free (out.data);
    }
  if (x509 != NULL)
    gnutls_x509_privkey_deinit (x509);

  return pem;
}

/**
 * byline_dpop_key_dup_public_jwk:
 * @self: a key
 *
 * Returns: (transfer full): the public key as a JWK: `kty`, `crv`, `x`, `y`
 */
JsonObject *
byline_dpop_key_dup_public_jwk (BylineDpopKey *self)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (BYLINE_IS_DPOP_KEY (self), NULL);

  json_object_iter_init (&iter, self->jwk);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (copy, name, json_node_copy (node));

  return copy;
}

static char *
encode_part (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);

  return byline_base64url_encode ((const guchar *)text, strlen (text));
}

/**
 * byline_dpop_key_sign_jwt:
 * @self: a key
 * @header: the JOSE header; `alg` is set to `ES256`
 * @payload: the claims
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the compact JWS, with the signature as r‖s (RFC 7518,
 *   section 3.4), not DER
 */
char *
byline_dpop_key_sign_jwt (BylineDpopKey  *self,
                          JsonObject     *header,
                          JsonObject     *payload,
                          GError        **error)
{
  g_autofree char *head = NULL;
  g_autofree char *body = NULL;
  g_autofree char *input = NULL;
  gnutls_datum_t data, der = { NULL, 0 }, r = { NULL, 0 }, s = { NULL, 0 };
  guchar rs[2 * COORDINATE_SIZE];
  char *jws = NULL;
  int ret;

  g_return_val_if_fail (BYLINE_IS_DPOP_KEY (self), NULL);

  json_object_set_string_member (header, "alg", "ES256");
  head = encode_part (header);
  body = encode_part (payload);
  input = g_strconcat (head, ".", body, NULL);
  data.data = (guchar *)input;
  data.size = strlen (input);

  if ((ret = gnutls_privkey_sign_data2 (self->key, GNUTLS_SIGN_ECDSA_SHA256, 0, &data, &der)) < 0
      || (ret = gnutls_decode_rs_value (&der, &r, &s)) < 0)
    gnutls_failed (ret, error);
  else if (!fixed_width (&r, rs, COORDINATE_SIZE)
           || !fixed_width (&s, rs + COORDINATE_SIZE, COORDINATE_SIZE))
    g_set_error_literal (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_FAILED,
                         _("The sign-in key made a malformed signature."));
  else
    {
      g_autofree char *signature = byline_base64url_encode (rs, sizeof rs);

      jws = g_strconcat (input, ".", signature, NULL);
    }

  gnutls_free (der.data);
  gnutls_free (r.data);
  gnutls_free (s.data);

  return jws;
}

/* `htu` is the request's URL without its query and fragment (RFC 9449, section 4.2). */
static char *
proof_target (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  if (uri == NULL)
    return NULL;

  return g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), g_uri_get_path (uri), NULL, NULL);
}

/**
 * byline_dpop_key_create_proof:
 * @self: a key
 * @method: the request's HTTP method
 * @url: the request's URL
 * @nonce: (nullable): the server's latest `DPoP-Nonce`
 * @access_token: (nullable): the access token the request carries, hashed into `ath`
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a fresh DPoP proof for one request
 */
char *
byline_dpop_key_create_proof (BylineDpopKey  *self,
                              const char     *method,
                              const char     *url,
                              const char     *nonce,
                              const char     *access_token,
                              GError        **error)
{
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autofree char *htu = NULL;

  g_return_val_if_fail (BYLINE_IS_DPOP_KEY (self), NULL);
  g_return_val_if_fail (method != NULL && url != NULL, NULL);

  if ((htu = proof_target (url)) == NULL)
    {
      g_set_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_FAILED,
                   _("“%s” is not a valid address."), url);
      return NULL;
    }

  json_object_set_string_member (header, "typ", "dpop+jwt");
  json_object_set_object_member (header, "jwk", byline_dpop_key_dup_public_jwk (self));
  set_string_take (payload, "jti", byline_oauth_random_token (16, FALSE));
  json_object_set_string_member (payload, "htm", method);
  json_object_set_string_member (payload, "htu", htu);
  json_object_set_int_member (payload, "iat", g_get_real_time () / G_USEC_PER_SEC);
  if (nonce != NULL)
    json_object_set_string_member (payload, "nonce", nonce);
  if (access_token != NULL)
    set_string_take (payload, "ath", byline_oauth_s256 (access_token));

  return byline_dpop_key_sign_jwt (self, header, payload, error);
}
