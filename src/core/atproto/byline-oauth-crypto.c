/* byline-oauth-crypto.c
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

#define G_LOG_DOMAIN "byline-oauth-crypto"

#include "config.h"

#include <string.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "byline-oauth-crypto.h"

/*
 * The small pieces of cryptography OAuth needs: unpadded base64url, random strings from
 * GnuTLS's generator (GRand is predictable), and the S256 hash that PKCE and DPoP's `ath`
 * share.
 */

/**
 * byline_base64url_encode:
 * @data: (array length=len): bytes
 * @len: their number
 *
 * Returns: (transfer full): @data in base64url without padding (RFC 7515, appendix C)
 */
char *
byline_base64url_encode (const guchar *data,
                         gsize         len)
{
  char *text = g_base64_encode (data, len);
  char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }

  return text;
}

/**
 * byline_base64url_decode:
 * @text: base64url text, padded or not
 * @len: (out): the number of bytes
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL when @text is not base64url
 */
guchar *
byline_base64url_decode (const char *text,
                         gsize      *len)
{
  g_autoptr(GString) b64 = g_string_new (NULL);
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '-')
        g_string_append_c (b64, '+');
      else if (*p == '_')
        g_string_append_c (b64, '/');
      else if (g_ascii_isalnum (*p) || *p == '=')
        g_string_append_c (b64, *p);
      else
        return NULL;
    }
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');

  return g_base64_decode (b64->str, len);
}

/**
 * byline_oauth_random_token:
 * @n_bytes: how many random bytes
 * @secret: %TRUE for a value that must stay unguessable for long (a PKCE verifier),
 *   %FALSE for a nonce that must only never repeat (a `jti`)
 *
 * Returns: (transfer full): @n_bytes from GnuTLS's generator, in base64url
 */
char *
byline_oauth_random_token (gsize    n_bytes,
                           gboolean secret)
{
  g_autofree guchar *bytes = g_malloc (n_bytes);

  if (gnutls_rnd (secret ? GNUTLS_RND_KEY : GNUTLS_RND_NONCE, bytes, n_bytes) < 0)
    g_error ("The system’s random number generator failed");

  return byline_base64url_encode (bytes, n_bytes);
}

/**
 * byline_oauth_s256:
 * @text: a string
 *
 * The S256 transformation of PKCE (RFC 7636, section 4.2), also DPoP's `ath` (RFC 9449).
 *
 * Returns: (transfer full): base64url (SHA-256 (@text))
 */
char *
byline_oauth_s256 (const char *text)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_checksum_update (checksum, (const guchar *)text, strlen (text));
  g_checksum_get_digest (checksum, digest, &len);

  return byline_base64url_encode (digest, len);
}

/**
 * byline_oauth_pkce_new_verifier:
 *
 * Returns: (transfer full): a PKCE code verifier: 32 random bytes, 43 characters
 */
char *
byline_oauth_pkce_new_verifier (void)
{
  return byline_oauth_random_token (32, TRUE);
}
