/* byline-yaml.c
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

#define G_LOG_DOMAIN "byline-yaml"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "byline-yaml-private.h"

#define TAG_STR  "tag:yaml.org,2002:str"
#define TAG_INT  "tag:yaml.org,2002:int"
#define TAG_BOOL "tag:yaml.org,2002:bool"
#define TAG_NULL "tag:yaml.org,2002:null"

BylineYamlNode *
_byline_yaml_node_new (BylineYamlKind kind)
{
  BylineYamlNode *node = g_new0 (BylineYamlNode, 1);

  node->kind = kind;
  node->plain_implicit = TRUE;
  node->quoted_implicit = TRUE;
  node->implicit = TRUE;

  if (kind == BYLINE_YAML_SEQUENCE || kind == BYLINE_YAML_MAPPING)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify)_byline_yaml_node_free);

  return node;
}

BylineYamlNode *
_byline_yaml_node_new_scalar (const char *value,
                              int         style)
{
  BylineYamlNode *node = _byline_yaml_node_new (BYLINE_YAML_SCALAR);

  node->value = g_strdup (value);
  node->length = strlen (value);
  node->style = style;

  return node;
}

void
_byline_yaml_node_free (BylineYamlNode *node)
{
  if (node == NULL)
    return;

  g_free (node->tag);
  g_free (node->anchor);
  g_free (node->value);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

BylineYamlNode *
_byline_yaml_node_copy (const BylineYamlNode *node)
{
  BylineYamlNode *copy;

  if (node == NULL)
    return NULL;

  copy = g_new0 (BylineYamlNode, 1);
  *copy = *node;
  copy->tag = g_strdup (node->tag);
  copy->anchor = g_strdup (node->anchor);
  copy->value = node->value ? g_memdup2 (node->value, node->length + 1) : NULL;
  copy->children = NULL;
  copy->target = NULL;

  if (node->children != NULL)
    {
      copy->children = g_ptr_array_new_full (node->children->len,
                                             (GDestroyNotify)_byline_yaml_node_free);
      for (guint i = 0; i < node->children->len; i++)
        g_ptr_array_add (copy->children, _byline_yaml_node_copy (g_ptr_array_index (node->children, i)));
    }

  return copy;
}

gboolean
_byline_yaml_node_equal (const BylineYamlNode *a,
                         const BylineYamlNode *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  if (a->kind != b->kind || a->style != b->style ||
      g_strcmp0 (a->tag, b->tag) != 0 || g_strcmp0 (a->anchor, b->anchor) != 0 ||
      a->length != b->length)
    return FALSE;
  if (a->value != NULL && memcmp (a->value, b->value, a->length) != 0)
    return FALSE;
  if ((a->children == NULL) != (b->children == NULL))
    return FALSE;
  if (a->children != NULL)
    {
      if (a->children->len != b->children->len)
        return FALSE;
      for (guint i = 0; i < a->children->len; i++)
        if (!_byline_yaml_node_equal (g_ptr_array_index (a->children, i),
                                      g_ptr_array_index (b->children, i)))
          return FALSE;
    }

  return TRUE;
}

static gboolean
is_null_text (const char *s)
{
  return s[0] == 0 || strcmp (s, "~") == 0 || strcmp (s, "null") == 0 ||
         strcmp (s, "Null") == 0 || strcmp (s, "NULL") == 0;
}

static gboolean
is_bool_text (const char *s,
              gboolean   *value)
{
  static const char * const yes[] = { "true", "True", "TRUE" };
  static const char * const no[] = { "false", "False", "FALSE" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (strcmp (s, yes[i]) == 0)
        return (*value = TRUE, TRUE);
      if (strcmp (s, no[i]) == 0)
        return (*value = FALSE, TRUE);
    }

  return FALSE;
}

static gboolean
is_int_text (const char *s,
             gint64     *value)
{
  char *end = NULL;

  if (!g_ascii_isdigit (s[0]) && !((s[0] == '-' || s[0] == '+') && g_ascii_isdigit (s[1])))
    return FALSE;

  errno = 0;
  *value = g_ascii_strtoll (s, &end, 10);
  return errno == 0 && end != NULL && *end == 0;
}

static gboolean
is_float_text (const char *s)
{
  char *end = NULL;

  if (strcmp (s, ".inf") == 0 || strcmp (s, "-.inf") == 0 || strcmp (s, ".nan") == 0)
    return TRUE;
  if (!g_ascii_isdigit (s[0]) && s[0] != '-' && s[0] != '+' && s[0] != '.')
    return FALSE;

  g_ascii_strtod (s, &end);
  return end != NULL && end != s && *end == 0;
}

/*
 * Whether a string can be written as a plain scalar without being read back as
 * another type (YAML 1.2 core schema: null, booleans, numbers). libyaml itself
 * refuses plain style where the syntax forbids it, but it does not know about types.
 */
gboolean
_byline_yaml_scalar_is_plain_safe (const char *value)
{
  gboolean b;
  gint64 i;

  if (is_null_text (value) || is_bool_text (value, &b) || is_int_text (value, &i) ||
      is_float_text (value))
    return FALSE;

  /* YAML 1.1 readers (many static-site generators) also take these as booleans. */
  if (g_ascii_strcasecmp (value, "yes") == 0 || g_ascii_strcasecmp (value, "no") == 0 ||
      g_ascii_strcasecmp (value, "on") == 0 || g_ascii_strcasecmp (value, "off") == 0 ||
      g_ascii_strcasecmp (value, "y") == 0 || g_ascii_strcasecmp (value, "n") == 0)
    return FALSE;

  return TRUE;
}

BylineYamlNode *
_byline_yaml_node_from_string (const char *value)
{
  int style = YAML_PLAIN_SCALAR_STYLE;

  if (strchr (value, '\n') != NULL)
    style = YAML_LITERAL_SCALAR_STYLE;
  else if (!_byline_yaml_scalar_is_plain_safe (value))
    style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;

  return _byline_yaml_node_new_scalar (value, style);
}

gboolean
_byline_yaml_node_is_null (const BylineYamlNode *node)
{
  if (node == NULL)
    return TRUE;

  return node->kind == BYLINE_YAML_SCALAR && node->style == YAML_PLAIN_SCALAR_STYLE &&
         (node->tag == NULL || strcmp (node->tag, TAG_NULL) == 0) && is_null_text (node->value);
}

static gboolean
is_non_specific (const char *tag)
{
  return tag != NULL && strcmp (tag, "!") == 0;
}

static gboolean
emit_node (const BylineYamlNode *node,
           yaml_emitter_t       *emitter,
           gboolean              in_flow,
           gboolean              is_key)
{
  yaml_event_t event;
  gboolean ok;

  switch (node->kind)
    {
    case BYLINE_YAML_SCALAR:
      /* libyaml writes an empty plain scalar as '' in a flow collection and as a key, which
       * reads back as an empty string: a null stays a null as "~". */
      if (node->length == 0 && node->style == YAML_PLAIN_SCALAR_STYLE && node->plain_implicit &&
          (node->tag == NULL || strcmp (node->tag, TAG_NULL) == 0) && (in_flow || is_key))
        {
          ok = yaml_scalar_event_initialize (&event, (yaml_char_t *)node->anchor,
                                             (yaml_char_t *)node->tag, (yaml_char_t *)"~", 1,
                                             TRUE, node->tag == NULL, YAML_PLAIN_SCALAR_STYLE);
          return ok && yaml_emitter_emit (emitter, &event);
        }
      /* The non-specific tag "!" only makes a string of a plain scalar, and libyaml can
       * write it only as the verbatim "!<%21>", which the YAML spec rejects: the scalar is
       * quoted instead ("! 12" becomes "'12'"). */
      if (is_non_specific (node->tag))
        ok = yaml_scalar_event_initialize (&event, (yaml_char_t *)node->anchor, NULL,
                                           (yaml_char_t *)node->value, node->length,
                                           FALSE, TRUE,
                                           node->style == YAML_PLAIN_SCALAR_STYLE ?
                                           YAML_SINGLE_QUOTED_SCALAR_STYLE : node->style);
      /* An untagged plain scalar the emitter has to quote (": " or "[" inside a flow
       * sequence, say) stays untagged: without quoted_implicit libyaml writes a "!" tag. */
      else
        ok = yaml_scalar_event_initialize (&event, (yaml_char_t *)node->anchor,
                                           (yaml_char_t *)node->tag,
                                           (yaml_char_t *)node->value, node->length,
                                           node->plain_implicit,
                                           node->quoted_implicit ||
                                           (node->tag == NULL && node->plain_implicit),
                                           node->style);
      return ok && yaml_emitter_emit (emitter, &event);

    case BYLINE_YAML_ALIAS:
      ok = yaml_alias_event_initialize (&event, (yaml_char_t *)node->value);
      return ok && yaml_emitter_emit (emitter, &event);

    case BYLINE_YAML_SEQUENCE:
      /* "!" on a collection says nothing more than it being one. */
      ok = yaml_sequence_start_event_initialize (&event, (yaml_char_t *)node->anchor,
                                                 is_non_specific (node->tag) ? NULL : (yaml_char_t *)node->tag,
                                                 node->implicit || is_non_specific (node->tag),
                                                 node->style);
      if (!ok || !yaml_emitter_emit (emitter, &event))
        return FALSE;
      in_flow = in_flow || node->style == YAML_FLOW_SEQUENCE_STYLE;
      for (guint i = 0; i < node->children->len; i++)
        if (!emit_node (g_ptr_array_index (node->children, i), emitter, in_flow, FALSE))
          return FALSE;
      ok = yaml_sequence_end_event_initialize (&event);
      return ok && yaml_emitter_emit (emitter, &event);

    case BYLINE_YAML_MAPPING:
      ok = yaml_mapping_start_event_initialize (&event, (yaml_char_t *)node->anchor,
                                                is_non_specific (node->tag) ? NULL : (yaml_char_t *)node->tag,
                                                node->implicit || is_non_specific (node->tag),
                                                node->style);
      if (!ok || !yaml_emitter_emit (emitter, &event))
        return FALSE;
      in_flow = in_flow || node->style == YAML_FLOW_MAPPING_STYLE;
      for (guint i = 0; i < node->children->len; i++)
        if (!emit_node (g_ptr_array_index (node->children, i), emitter, in_flow, i % 2 == 0))
          return FALSE;
      ok = yaml_mapping_end_event_initialize (&event);
      return ok && yaml_emitter_emit (emitter, &event);

    default:
      g_assert_not_reached ();
    }
}

/* Emits @node as a key or a value of a block mapping (the front matter's own). */
gboolean
_byline_yaml_node_emit (const BylineYamlNode *node,
                        yaml_emitter_t       *emitter,
                        gboolean              is_key)
{
  return emit_node (node, emitter, FALSE, is_key);
}

static JsonNode *
scalar_to_json (const BylineYamlNode *node)
{
  const char *s = node->value;
  gboolean b;
  gint64 i;

  if (node->tag != NULL && strcmp (node->tag, TAG_STR) == 0)
    return json_node_init_string (json_node_alloc (), s);
  if (node->style != YAML_PLAIN_SCALAR_STYLE)
    return json_node_init_string (json_node_alloc (), s);
  if (is_null_text (s))
    return json_node_init_null (json_node_alloc ());
  if (is_bool_text (s, &b))
    return json_node_init_boolean (json_node_alloc (), b);
  if (is_int_text (s, &i))
    return json_node_init_int (json_node_alloc (), i);
  if (is_float_text (s) && g_ascii_isdigit (s[s[0] == '-' || s[0] == '+']))
    return json_node_init_double (json_node_alloc (), g_ascii_strtod (s, NULL));
  /* What the writer gives for a JSON number too large for a double (1e999). */
  if (strcmp (s, ".inf") == 0)
    return json_node_init_double (json_node_alloc (), INFINITY);
  if (strcmp (s, "-.inf") == 0)
    return json_node_init_double (json_node_alloc (), -INFINITY);

  return json_node_init_string (json_node_alloc (), s);
}

/*
 * Converts a YAML value to the JSON data model; @anchors maps anchor names to
 * nodes so that aliases resolve. Non-scalar mapping keys are not representable and
 * give %NULL.
 */
JsonNode *
_byline_yaml_node_to_json (const BylineYamlNode *node,
                           GHashTable           *anchors)
{
  switch (node->kind)
    {
    case BYLINE_YAML_SCALAR:
      return scalar_to_json (node);

    case BYLINE_YAML_ALIAS:
      {
        const BylineYamlNode *target = node->target;

        if (target == NULL && anchors != NULL)
          target = g_hash_table_lookup (anchors, node->value);
        return target ? _byline_yaml_node_to_json (target, anchors) : NULL;
      }

    case BYLINE_YAML_SEQUENCE:
      {
        g_autoptr(JsonArray) array = json_array_sized_new (node->children->len);

        for (guint i = 0; i < node->children->len; i++)
          {
            JsonNode *item = _byline_yaml_node_to_json (g_ptr_array_index (node->children, i), anchors);

            if (item == NULL)
              return NULL;
            json_array_add_element (array, item);
          }

        return json_node_init_array (json_node_alloc (), array);
      }

    case BYLINE_YAML_MAPPING:
      {
        g_autoptr(JsonObject) object = json_object_new ();

        for (guint i = 0; i + 1 < node->children->len; i += 2)
          {
            const BylineYamlNode *key = g_ptr_array_index (node->children, i);
            JsonNode *value;

            if (key->kind != BYLINE_YAML_SCALAR)
              return NULL;
            value = _byline_yaml_node_to_json (g_ptr_array_index (node->children, i + 1), anchors);
            if (value == NULL)
              return NULL;
            json_object_set_member (object, key->value, value);
          }

        return json_node_init_object (json_node_alloc (), object);
      }

    default:
      g_assert_not_reached ();
    }
}

BylineYamlNode *
_byline_yaml_node_from_json (JsonNode *json)
{
  switch (JSON_NODE_TYPE (json))
    {
    case JSON_NODE_NULL:
      return _byline_yaml_node_new_scalar ("null", YAML_PLAIN_SCALAR_STYLE);

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (json);
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        if (type == G_TYPE_STRING)
          return _byline_yaml_node_from_string (json_node_get_string (json));
        if (type == G_TYPE_BOOLEAN)
          return _byline_yaml_node_new_scalar (json_node_get_boolean (json) ? "true" : "false",
                                               YAML_PLAIN_SCALAR_STYLE);
        if (type == G_TYPE_INT64)
          {
            g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, json_node_get_int (json));
            return _byline_yaml_node_new_scalar (buf, YAML_PLAIN_SCALAR_STYLE);
          }
        /* YAML's spelling of what g_ascii_dtostr() writes "inf" and "nan" (which JSON
         * cannot give). */
        if (isinf (json_node_get_double (json)))
          return _byline_yaml_node_new_scalar (json_node_get_double (json) > 0 ? ".inf" : "-.inf",
                                               YAML_PLAIN_SCALAR_STYLE);
        if (isnan (json_node_get_double (json)))
          return _byline_yaml_node_new_scalar (".nan", YAML_PLAIN_SCALAR_STYLE);
        g_ascii_dtostr (buf, sizeof buf, json_node_get_double (json));
        return _byline_yaml_node_new_scalar (buf, YAML_PLAIN_SCALAR_STYLE);
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (json);
        BylineYamlNode *node = _byline_yaml_node_new (BYLINE_YAML_SEQUENCE);

        node->style = YAML_BLOCK_SEQUENCE_STYLE;
        for (guint i = 0; i < json_array_get_length (array); i++)
          g_ptr_array_add (node->children,
                           _byline_yaml_node_from_json (json_array_get_element (array, i)));
        if (array != NULL && json_array_get_length (array) == 0)
          node->style = YAML_FLOW_SEQUENCE_STYLE;

        return node;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (json);
        BylineYamlNode *node = _byline_yaml_node_new (BYLINE_YAML_MAPPING);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        node->style = YAML_BLOCK_MAPPING_STYLE;
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            g_ptr_array_add (node->children, _byline_yaml_node_from_string (name));
            g_ptr_array_add (node->children, _byline_yaml_node_from_json (member));
          }
        if (json_object_get_size (object) == 0)
          node->style = YAML_FLOW_MAPPING_STYLE;

        return node;
      }

    default:
      g_assert_not_reached ();
    }
}

/* Writing values with libyaml's emitter, alone. */

static int
write_cb (void          *data,
          unsigned char *buffer,
          size_t         size)
{
  g_string_append_len (data, (const char *)buffer, size);
  return 1;
}

/* libyaml takes the characters beyond the Basic Multilingual Plane (emoji) for unprintable:
 * it escapes them, and so must double-quote the whole value ("\U0001F389"). While libyaml
 * writes, they stand in as private-use characters that appear nowhere in the value; they are
 * put back after. */
typedef struct
{
  GHashTable *used;          /* private-use characters already in the text */
  GHashTable *placeholders;  /* character -> its stand-in */
  GHashTable *originals;     /* stand-in -> character */
  gunichar    next;
} Shield;

static gboolean
has_astral (const BylineYamlNode *node)
{
  if (node->value != NULL)
    for (gsize i = 0; i < node->length; i++)
      if ((guchar)node->value[i] >= 0xF0)
        return TRUE;

  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    if (has_astral (g_ptr_array_index (node->children, i)))
      return TRUE;

  return FALSE;
}

static void
collect_private_use (Shield               *shield,
                     const BylineYamlNode *node)
{
  if (node->value != NULL && g_utf8_validate_len (node->value, node->length, NULL))
    for (const char *p = node->value; p < node->value + node->length; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (c >= 0xE000 && c <= 0xF8FF)
          g_hash_table_add (shield->used, GUINT_TO_POINTER (c));
      }

  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    collect_private_use (shield, g_ptr_array_index (node->children, i));
}

static BylineYamlNode *
shield_node (Shield               *shield,
             const BylineYamlNode *node)
{
  BylineYamlNode *copy = _byline_yaml_node_copy (node);

  if (copy->value != NULL && g_utf8_validate_len (copy->value, copy->length, NULL))
    {
      GString *value = g_string_sized_new (copy->length);

      for (const char *p = copy->value; p < copy->value + copy->length; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          gpointer stand_in;

          if (c > 0xFFFF)
            {
              if (!g_hash_table_lookup_extended (shield->placeholders, GUINT_TO_POINTER (c),
                                                 NULL, &stand_in))
                {
                  while (g_hash_table_contains (shield->used, GUINT_TO_POINTER (shield->next)))
                    shield->next++;
                  stand_in = GUINT_TO_POINTER (shield->next++);
                  g_hash_table_insert (shield->placeholders, GUINT_TO_POINTER (c), stand_in);
                  g_hash_table_insert (shield->originals, stand_in, GUINT_TO_POINTER (c));
                }
              c = GPOINTER_TO_UINT (stand_in);
            }
          g_string_append_unichar (value, c);
        }

      g_free (copy->value);
      copy->length = value->len;
      copy->value = g_string_free (value, FALSE);
    }

  for (guint i = 0; copy->children != NULL && i < copy->children->len; i++)
    {
      BylineYamlNode *child = g_ptr_array_index (copy->children, i);

      g_ptr_array_index (copy->children, i) = shield_node (shield, child);
      _byline_yaml_node_free (child);
    }

  return copy;
}

static void
unshield (Shield  *shield,
          GString *text)
{
  g_autoptr(GString) out = g_string_sized_new (text->len);

  for (const char *p = text->str; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gpointer original;

      if (g_hash_table_lookup_extended (shield->originals, GUINT_TO_POINTER (c), NULL, &original))
        c = GPOINTER_TO_UINT (original);
      g_string_append_unichar (out, c);
    }

  g_string_assign (text, out->str);
}

static void
emit_plain_entry (GString              *out,
                  const char           *key,
                  const BylineYamlNode *value,
                  int                   indent,
                  gboolean             *result)
{
  g_autoptr(BylineYamlNode) key_node = _byline_yaml_node_new_scalar (key, YAML_PLAIN_SCALAR_STYLE);
  yaml_emitter_t emitter;
  yaml_event_t event;
  gboolean ok;

  yaml_emitter_initialize (&emitter);
  yaml_emitter_set_output (&emitter, write_cb, out);
  yaml_emitter_set_unicode (&emitter, 1);
  yaml_emitter_set_width (&emitter, -1);
  yaml_emitter_set_indent (&emitter, indent);
  yaml_emitter_set_break (&emitter, YAML_LN_BREAK);

  ok = yaml_stream_start_event_initialize (&event, YAML_UTF8_ENCODING) &&
       yaml_emitter_emit (&emitter, &event) &&
       yaml_document_start_event_initialize (&event, NULL, NULL, NULL, 1) &&
       yaml_emitter_emit (&emitter, &event) &&
       yaml_mapping_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE) &&
       yaml_emitter_emit (&emitter, &event) &&
       _byline_yaml_node_emit (key_node, &emitter, TRUE) &&
       _byline_yaml_node_emit (value, &emitter, FALSE) &&
       yaml_mapping_end_event_initialize (&event) &&
       yaml_emitter_emit (&emitter, &event) &&
       yaml_document_end_event_initialize (&event, 1) &&
       yaml_emitter_emit (&emitter, &event) &&
       yaml_stream_end_event_initialize (&event) &&
       yaml_emitter_emit (&emitter, &event) &&
       yaml_emitter_flush (&emitter);
  if (!ok)
    g_debug ("libyaml could not write a value: %s", emitter.problem ? emitter.problem : "");
  yaml_emitter_delete (&emitter);

  if (ok && g_str_has_suffix (out->str, "\n...\n"))
    g_string_truncate (out, out->len - 4);

  *result = ok;
}

/* "KEY: VALUE\n" as libyaml writes it, in a block mapping with @indent, the value in its
 * style where libyaml allows it. */
char *
_byline_yaml_emit_entry (const char           *key,
                         const BylineYamlNode *value,
                         int                   indent)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean ok = FALSE;

  if (has_astral (value))
    {
      Shield shield = { g_hash_table_new (NULL, NULL), g_hash_table_new (NULL, NULL),
                        g_hash_table_new (NULL, NULL), 0xE000 };
      g_autoptr(BylineYamlNode) shielded = NULL;

      collect_private_use (&shield, value);
      shielded = shield_node (&shield, value);
      emit_plain_entry (out, key, shielded, indent, &ok);
      if (ok)
        unshield (&shield, out);
      g_hash_table_unref (shield.used);
      g_hash_table_unref (shield.placeholders);
      g_hash_table_unref (shield.originals);
    }
  else
    emit_plain_entry (out, key, value, indent, &ok);

  if (!ok)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A value written on the line of its key (or as an item of a flow list, with @in_flow), or
 * NULL if libyaml needs more than one line for it. */
char *
_byline_yaml_emit_inline (const BylineYamlNode *value,
                          gboolean              in_flow)
{
  g_autoptr(BylineYamlNode) seq = NULL;
  g_autofree char *text = NULL;
  gsize len;

  if (in_flow)
    {
      seq = _byline_yaml_node_new (BYLINE_YAML_SEQUENCE);
      seq->style = YAML_FLOW_SEQUENCE_STYLE;
      g_ptr_array_add (seq->children, _byline_yaml_node_copy (value));
      value = seq;
    }

  text = _byline_yaml_emit_entry ("k", value, 2);
  if (text == NULL || !g_str_has_prefix (text, "k: ") || !g_str_has_suffix (text, "\n"))
    return NULL;

  len = strlen (text);
  if (memchr (text, '\n', len - 1) != NULL)
    return NULL;

  if (in_flow)
    {
      if (len < 6 || text[3] != '[' || text[len - 2] != ']')
        return NULL;
      return g_strndup (text + 4, len - 6);
    }

  return g_strndup (text + 3, len - 4);
}
