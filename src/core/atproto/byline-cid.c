/* byline-cid.c
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

#define G_LOG_DOMAIN "byline-cid"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-cid.h"
#include "byline-json.h"

/*
 * CIDv1 as the AT Protocol writes them: version 1, a codec (0x55 raw bytes for
 * blobs, 0x71 DAG-CBOR for records), the multihash sha2-256 (0x12, 32 bytes), in
 * multibase "b": lower-case base32 without padding.
 */

#define CODEC_RAW      0x55
#define CODEC_DAG_CBOR 0x71

static const char base32_alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";

G_DEFINE_QUARK (byline-cid-error-quark, byline_cid_error)

static char *
cid_string (guint8        codec,
            const guint8 *data,
            gsize         length)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 cid[36] = { 0x01, codec, 0x12, 0x20 };
  gsize digest_len = 32;
  GString *out = g_string_sized_new (60);
  guint bits = 0;
  guint32 buffer = 0;

  g_checksum_update (checksum, data, length);
  g_checksum_get_digest (checksum, cid + 4, &digest_len);

  g_string_append_c (out, 'b');
  for (guint i = 0; i < sizeof cid; i++)
    {
      buffer = (buffer << 8) | cid[i];
      bits += 8;
      while (bits >= 5)
        {
          g_string_append_c (out, base32_alphabet[(buffer >> (bits - 5)) & 0x1f]);
          bits -= 5;
        }
    }
  if (bits > 0)
    g_string_append_c (out, base32_alphabet[(buffer << (5 - bits)) & 0x1f]);

  return g_string_free (out, FALSE);
}

static GBytes *
base32_decode (const char *text)
{
  GByteArray *out = g_byte_array_new ();
  guint32 buffer = 0;
  guint bits = 0;

  for (const char *p = text; *p != 0; p++)
    {
      const char *pos = strchr (base32_alphabet, g_ascii_tolower (*p));

      if (pos == NULL)
        {
          g_byte_array_unref (out);
          return NULL;
        }
      buffer = (buffer << 5) | (guint32)(pos - base32_alphabet);
      bits += 5;
      if (bits >= 8)
        {
          guint8 byte = (buffer >> (bits - 8)) & 0xff;

          g_byte_array_append (out, &byte, 1);
          bits -= 8;
        }
    }

  return g_byte_array_free_to_bytes (out);
}

static void
cbor_head (GByteArray *out,
           guint8      major,
           guint64     n)
{
  guint8 buf[9];
  guint len;

  if (n < 24)
    {
      buf[0] = major << 5 | n;
      len = 1;
    }
  else if (n < 0x100)
    {
      buf[0] = major << 5 | 24;
      buf[1] = n;
      len = 2;
    }
  else if (n < 0x10000)
    {
      buf[0] = major << 5 | 25;
      buf[1] = n >> 8;
      buf[2] = n;
      len = 3;
    }
  else if (n < G_GUINT64_CONSTANT (0x100000000))
    {
      buf[0] = major << 5 | 26;
      for (guint i = 0; i < 4; i++)
        buf[1 + i] = n >> (24 - 8 * i);
      len = 5;
    }
  else
    {
      buf[0] = major << 5 | 27;
      for (guint i = 0; i < 8; i++)
        buf[1 + i] = n >> (56 - 8 * i);
      len = 9;
    }

  g_byte_array_append (out, buf, len);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const char *ka = *(const char * const *)a;
  const char *kb = *(const char * const *)b;
  gsize la = strlen (ka), lb = strlen (kb);

  /* DAG-CBOR's canonical order: shorter keys first, then bytewise. */
  if (la != lb)
    return la < lb ? -1 : 1;

  return memcmp (ka, kb, la);
}

static gboolean encode (GByteArray  *out,
                        JsonNode    *node,
                        GError     **error);

static gboolean
encode_object (GByteArray  *out,
               JsonObject  *object,
               GError     **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (json_object_get_size (object) == 1 && json_object_has_member (object, "$link"))
    {
      const char *link = byline_json_object_get_string (object, "$link");
      g_autoptr(GBytes) raw = link && link[0] == 'b' ? base32_decode (link + 1) : NULL;
      guint8 zero = 0;

      if (raw == NULL)
        {
          g_set_error (error, BYLINE_CID_ERROR, BYLINE_CID_ERROR_UNSUPPORTED,
                       _("“%s” is not a base32 CID"), link ? link : "");
          return FALSE;
        }
      /* Tag 42, then the binary CID behind the identity multibase prefix 0x00. */
      cbor_head (out, 6, 42);
      cbor_head (out, 2, g_bytes_get_size (raw) + 1);
      g_byte_array_append (out, &zero, 1);
      g_byte_array_append (out, g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
      return TRUE;
    }

  if (json_object_get_size (object) == 1 && json_object_has_member (object, "$bytes"))
    {
      const char *b64 = byline_json_object_get_string (object, "$bytes");
      g_autoptr(GString) padded = g_string_new (b64 ? b64 : "");
      g_autofree guchar *data = NULL;
      gsize len = 0;

      while (padded->len % 4 != 0)
        g_string_append_c (padded, '=');
      data = g_base64_decode (padded->str, &len);
      cbor_head (out, 2, len);
      g_byte_array_append (out, data, len);
      return TRUE;
    }

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    g_ptr_array_add (keys, (gpointer)name);
  g_ptr_array_sort (keys, compare_keys);

  cbor_head (out, 5, keys->len);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      cbor_head (out, 3, strlen (key));
      g_byte_array_append (out, (const guint8 *)key, strlen (key));
      if (!encode (out, json_object_get_member (object, key), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
encode (GByteArray  *out,
        JsonNode    *node,
        GError     **error)
{
  static const guint8 null_byte = 0xf6, true_byte = 0xf5, false_byte = 0xf4;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_byte_array_append (out, &null_byte, 1);
      return TRUE;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          {
            const char *s = json_node_get_string (node);

            cbor_head (out, 3, strlen (s));
            g_byte_array_append (out, (const guint8 *)s, strlen (s));
          }
        else if (type == G_TYPE_BOOLEAN)
          g_byte_array_append (out, json_node_get_boolean (node) ? &true_byte : &false_byte, 1);
        else if (type == G_TYPE_INT64)
          {
            gint64 v = json_node_get_int (node);

            if (v >= 0)
              cbor_head (out, 0, v);
            else
              cbor_head (out, 1, (guint64)(-1 - v));
          }
        else
          {
            g_set_error_literal (error, BYLINE_CID_ERROR, BYLINE_CID_ERROR_UNSUPPORTED,
                                 _("Records cannot hold floating-point numbers"));
            return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        cbor_head (out, 4, n);
        for (guint i = 0; i < n; i++)
          if (!encode (out, json_array_get_element (array, i), error))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      return encode_object (out, json_node_get_object (node), error);

    default:
      g_assert_not_reached ();
    }
}

/**
 * byline_cid_for_blob:
 * @data: (array length=length): the file's bytes
 * @length: the number of bytes
 *
 * Computes the CID a PDS gives a blob (`bafkrei…`): CIDv1, raw codec, sha2-256.
 *
 * Returns: (transfer full): the CID in base32
 */
char *
byline_cid_for_blob (const guint8 *data,
                     gsize         length)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return cid_string (CODEC_RAW, data, length);
}

/**
 * byline_cid_encode_dag_cbor:
 * @value: a JSON value in the AT Protocol data model
 * @error: return location for a #GError
 *
 * Encodes @value as DAG-CBOR: map keys sorted by length then bytes, integers in
 * their shortest form, `{"$link": cid}` as tag 42 and `{"$bytes": …}` as a byte
 * string.
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL for values the data
 *   model does not allow (floats)
 */
GBytes *
byline_cid_encode_dag_cbor (JsonNode  *value,
                            GError   **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();

  g_return_val_if_fail (value != NULL, NULL);

  if (!encode (out, value, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/**
 * byline_cid_for_record:
 * @record: a record
 * @error: return location for a #GError
 *
 * Computes a record's CID (`bafyrei…`, what `strongRef.cid` holds): CIDv1,
 * DAG-CBOR codec, sha2-256 over [func@cid_encode_dag_cbor].
 *
 * Returns: (transfer full) (nullable): the CID in base32
 */
char *
byline_cid_for_record (JsonNode  *record,
                       GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (record != NULL, NULL);

  bytes = byline_cid_encode_dag_cbor (record, error);
  if (bytes == NULL)
    return NULL;

  return cid_string (CODEC_DAG_CBOR, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}
