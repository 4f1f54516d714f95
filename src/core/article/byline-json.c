/* byline-json.c
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

#define G_LOG_DOMAIN "byline-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "byline-json.h"

/*
 * A small JSON writer over JsonNode. json-glib's JsonGenerator keeps UTF-8 as is
 * (1.10), but it writes `"key" : value` and `{  }`, which differs from the layout of
 * records in the wild (and of the example record: `"key": value`, JavaScript's
 * JSON.stringify(v, null, 2)); its output has also changed between releases.
 * Export must be byte-identical on every run and every json-glib, so Byline writes
 * the text itself: members in the object's insertion order, UTF-8 unescaped, only
 * `"`, `\` and control characters escaped.
 */

static void
append_string (GString    *out,
               const char *str)
{
  const char *run = str;
  const char *p;

  g_string_append_c (out, '"');

  for (p = str; *p != 0; p++)
    {
      guchar c = *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default: g_string_append_printf (out, "\\u%04x", c); break;
        }
    }

  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static void
append_indent (GString *out,
               guint    depth)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
append_node (GString  *out,
             JsonNode *node,
             gboolean  pretty,
             guint     depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          append_string (out, json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];
            double value = json_node_get_double (node);

            /* JSON has no infinity: json-glib reads 1e999 as one, and it is written back so. */
            if (isinf (value))
              g_string_append (out, value > 0 ? "1e999" : "-1e999");
            else if (isnan (value))
              g_string_append (out, "null");
            else
              g_string_append (out, g_ascii_dtostr (buf, sizeof buf, value));
          }
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            if (pretty)
              append_indent (out, depth + 1);
            append_node (out, json_array_get_element (array, i), pretty, depth + 1);
          }
        if (pretty && n > 0)
          append_indent (out, depth);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            if (pretty)
              append_indent (out, depth + 1);
            append_string (out, name);
            g_string_append (out, pretty ? ": " : ":");
            append_node (out, member, pretty, depth + 1);
          }
        if (pretty && !first)
          append_indent (out, depth);
        g_string_append_c (out, '}');
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * byline_json_append:
 * @out: where to write
 * @node: a JSON value
 * @pretty: indent by two spaces, one member per line
 *
 * Appends @node as JSON, deterministically (see the comment at the top of
 * `byline-json.c`).
 */
void
byline_json_append (GString  *out,
                    JsonNode *node,
                    gboolean  pretty)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (node != NULL);

  append_node (out, node, pretty, 0);
}

/**
 * byline_json_to_string:
 * @node: a JSON value
 * @pretty: indent by two spaces, one member per line
 * @length: (out) (optional): the length of the result
 *
 * Returns: (transfer full): @node as JSON text
 */
char *
byline_json_to_string (JsonNode *node,
                       gboolean  pretty,
                       gsize    *length)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_sized_new (4096);
  append_node (out, node, pretty, 0);
  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

/**
 * byline_json_object_get_string:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Unlike json_object_get_string_member_with_default(), this never warns: records
 * come from outside and may hold anything.
 *
 * Returns: (nullable): the member's value if it is a string
 */
const char *
byline_json_object_get_string (JsonObject *object,
                               const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}
