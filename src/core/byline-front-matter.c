/* byline-front-matter.c
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

#define G_LOG_DOMAIN "byline-front-matter"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <yaml.h>

#include "byline-front-matter.h"
#include "byline-metadata-private.h"
#include "byline-yaml-private.h"

/* Deeper nesting is hostile input, and would only cost stack. */
#define MAX_DEPTH 64

typedef struct
{
  yaml_parser_t  parser;
  const char    *yaml;
  gsize          yaml_len;
  gsize          first_line;   /* lines of the file before the YAML text */
  GHashTable    *anchors;      /* anchor name -> its latest BylineYamlNode (borrowed) */
  GHashTable    *kept_anchors; /* anchor name -> the node last written with it (borrowed) */
} Parse;

typedef enum
{
  KEY_STRING,
  KEY_TAGS,
  KEY_COVER,
  KEY_BSKY_POST_REF,
  KEY_RECORD_FIELDS,
} KeyKind;

typedef struct
{
  const char *key;
  KeyKind     kind;
  int         field;      /* BylineMetadataField for KEY_STRING and KEY_COVER */
  gboolean    alias;
} KnownKey;

/* Canonical keys first: they win over an alias given for the same field. */
static const KnownKey known_keys[] = {
  { "title",        KEY_STRING,        BYLINE_METADATA_FIELD_TITLE,        FALSE },
  { "description",  KEY_STRING,        BYLINE_METADATA_FIELD_DESCRIPTION,  FALSE },
  { "site",         KEY_STRING,        BYLINE_METADATA_FIELD_SITE,         FALSE },
  { "path",         KEY_STRING,        BYLINE_METADATA_FIELD_PATH,         FALSE },
  { "publishedAt",  KEY_STRING,        BYLINE_METADATA_FIELD_PUBLISHED_AT, FALSE },
  { "updatedAt",    KEY_STRING,        BYLINE_METADATA_FIELD_UPDATED_AT,   FALSE },
  { "tags",         KEY_TAGS,          -1,                                 FALSE },
  { "coverImage",   KEY_COVER,         BYLINE_METADATA_FIELD_COVER_IMAGE,  FALSE },
  { "bskyPostRef",  KEY_BSKY_POST_REF, -1,                                 FALSE },
  { "atUri",        KEY_STRING,        BYLINE_METADATA_FIELD_RECORD_URI,   FALSE },
  { "atCid",        KEY_STRING,        BYLINE_METADATA_FIELD_RECORD_CID,   FALSE },
  { "recordFields", KEY_RECORD_FIELDS, -1,                                 FALSE },
  /* Aliases written by static-site generators (Hugo, Jekyll, Eleventy, Astro). */
  { "summary",      KEY_STRING,        BYLINE_METADATA_FIELD_DESCRIPTION,  TRUE },
  { "excerpt",      KEY_STRING,        BYLINE_METADATA_FIELD_DESCRIPTION,  TRUE },
  { "slug",         KEY_STRING,        BYLINE_METADATA_FIELD_PATH,         TRUE },
  { "date",         KEY_STRING,        BYLINE_METADATA_FIELD_PUBLISHED_AT, TRUE },
  { "lastmod",      KEY_STRING,        BYLINE_METADATA_FIELD_UPDATED_AT,   TRUE },
  { "updated",      KEY_STRING,        BYLINE_METADATA_FIELD_UPDATED_AT,   TRUE },
  { "image",        KEY_COVER,         BYLINE_METADATA_FIELD_COVER_IMAGE,  TRUE },
  { "cover",        KEY_COVER,         BYLINE_METADATA_FIELD_COVER_IMAGE,  TRUE },
  { "cover_image",  KEY_COVER,         BYLINE_METADATA_FIELD_COVER_IMAGE,  TRUE },
};

G_DEFINE_QUARK (byline-front-matter-error-quark, byline_front_matter_error)

static const KnownKey *
lookup_known_key (const BylineYamlNode *key)
{
  if (key->kind != BYLINE_YAML_SCALAR)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (known_keys); i++)
    if (strcmp (known_keys[i].key, key->value) == 0)
      return &known_keys[i];

  return NULL;
}

static void
set_error_at (Parse       *p,
              GError     **error,
              int          code,
              gsize        line,
              gsize        column,
              const char  *message)
{
  g_set_error (error, BYLINE_FRONT_MATTER_ERROR, code,
               _("Front matter, line %" G_GSIZE_FORMAT ", column %" G_GSIZE_FORMAT ": %s"),
               p->first_line + line + 1, column + 1, message);
}

/* The indentation of a line of the YAML text; the end of the text is a line of its own. */
static gsize
line_indent (Parse *p,
             gsize  line)
{
  const char *s = p->yaml;
  const char *end = p->yaml + p->yaml_len;
  gsize indent = 0;

  for (gsize i = 0; i < line && s != NULL; i++)
    if ((s = memchr (s, '\n', end - s)) != NULL)
      s++;
  if (s == NULL)
    return 0;

  while (s + indent < end && s[indent] == ' ')
    indent++;

  return indent;
}

/* libyaml notices an unclosed bracket or quote only lines below it, at the next key or at
 * the end of the YAML, with the place it was opened as the context: the message for that
 * place. */
static char *
describe_unclosed (Parse *p)
{
  const yaml_parser_t *parser = &p->parser;

  if (parser->context == NULL || parser->problem_mark.line <= parser->context_mark.line ||
      line_indent (p, parser->problem_mark.line) > line_indent (p, parser->context_mark.line))
    return NULL;

  if (strcmp (parser->context, "while parsing a flow sequence") == 0)
    return g_strdup_printf (_("this “[” is not closed (%s)"), parser->problem);
  if (strcmp (parser->context, "while parsing a flow mapping") == 0)
    return g_strdup_printf (_("this “{” is not closed (%s)"), parser->problem);
  if (strcmp (parser->context, "while scanning a quoted scalar") == 0)
    return g_strdup_printf (_("this quote is not closed (%s)"), parser->problem);

  return NULL;
}

static void
set_parser_error (Parse   *p,
                  GError **error)
{
  const yaml_parser_t *parser = &p->parser;
  g_autofree char *message = describe_unclosed (p);

  if (message != NULL)
    {
      set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_SYNTAX,
                    parser->context_mark.line, parser->context_mark.column, message);
      return;
    }

  if (parser->context != NULL)
    message = g_strdup_printf ("%s (%s)", parser->problem, parser->context);
  else
    message = g_strdup (parser->problem ? parser->problem : _("unreadable YAML"));

  set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_SYNTAX,
                parser->problem_mark.line, parser->problem_mark.column, message);
}

static gboolean
next_event (Parse         *p,
            yaml_event_t  *event,
            GError       **error)
{
  if (!yaml_parser_parse (&p->parser, event))
    {
      set_parser_error (p, error);
      return FALSE;
    }

  return TRUE;
}

static BylineYamlNode *parse_node (Parse         *p,
                                   yaml_event_t  *event,
                                   guint          depth,
                                   GError       **error);

static gboolean
parse_children (Parse           *p,
                BylineYamlNode  *node,
                yaml_event_type_t end_type,
                guint            depth,
                GError         **error)
{
  g_autoptr(GHashTable) keys = NULL;

  if (node->kind == BYLINE_YAML_MAPPING)
    keys = g_hash_table_new (g_str_hash, g_str_equal);

  for (;;)
    {
      yaml_event_t event;
      BylineYamlNode *child;

      if (!next_event (p, &event, error))
        return FALSE;

      if (event.type == end_type)
        {
          yaml_event_delete (&event);
          return TRUE;
        }

      child = parse_node (p, &event, depth + 1, error);
      yaml_event_delete (&event);
      if (child == NULL)
        return FALSE;

      /* Keys sit at even positions; a duplicate makes the meaning ambiguous. Nulls are
       * one key however they are spelt ("", "~", "null"). */
      if (keys != NULL && node->children->len % 2 == 0 && child->kind == BYLINE_YAML_SCALAR)
        {
          const char *name = _byline_yaml_node_is_null (child) ? "~" : child->value;

          if (g_hash_table_contains (keys, name))
            {
              g_autofree char *message = g_strdup_printf (_("duplicate key “%s”"), child->value);

              set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_DUPLICATE_KEY,
                            child->line, child->column, message);
              _byline_yaml_node_free (child);
              return FALSE;
            }
          g_hash_table_add (keys, (gpointer)name);
        }

      g_ptr_array_add (node->children, child);
    }
}

static BylineYamlNode *
parse_node (Parse         *p,
            yaml_event_t  *event,
            guint          depth,
            GError       **error)
{
  g_autoptr(BylineYamlNode) node = NULL;

  if (depth > MAX_DEPTH)
    {
      set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_SYNTAX, event->start_mark.line,
                    event->start_mark.column, _("values are nested too deeply"));
      return NULL;
    }

  switch (event->type)
    {
    case YAML_SCALAR_EVENT:
      node = _byline_yaml_node_new (BYLINE_YAML_SCALAR);
      node->value = g_strndup ((const char *)event->data.scalar.value, event->data.scalar.length);
      node->length = event->data.scalar.length;
      node->style = event->data.scalar.style;
      node->tag = g_strdup ((const char *)event->data.scalar.tag);
      node->anchor = g_strdup ((const char *)event->data.scalar.anchor);
      node->plain_implicit = event->data.scalar.plain_implicit;
      node->quoted_implicit = event->data.scalar.quoted_implicit;
      /* Embedded NULs can't be kept in the metadata's C strings. */
      if (strlen (node->value) != node->length)
        {
          set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_ENCODING, event->start_mark.line,
                        event->start_mark.column, _("a value holds a NUL character"));
          return NULL;
        }
      break;

    case YAML_ALIAS_EVENT:
      node = _byline_yaml_node_new (BYLINE_YAML_ALIAS);
      node->value = g_strdup ((const char *)event->data.alias.anchor);
      node->length = strlen (node->value);
      /* An anchor may be defined again: an alias names the latest one before it. */
      node->target = g_hash_table_lookup (p->anchors, node->value);
      if (node->target == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("unknown alias “%s”"), node->value);

          set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_SYNTAX, event->start_mark.line,
                        event->start_mark.column, message);
          return NULL;
        }
      break;

    case YAML_SEQUENCE_START_EVENT:
      node = _byline_yaml_node_new (BYLINE_YAML_SEQUENCE);
      node->style = event->data.sequence_start.style;
      node->tag = g_strdup ((const char *)event->data.sequence_start.tag);
      node->anchor = g_strdup ((const char *)event->data.sequence_start.anchor);
      node->implicit = event->data.sequence_start.implicit;
      break;

    case YAML_MAPPING_START_EVENT:
      node = _byline_yaml_node_new (BYLINE_YAML_MAPPING);
      node->style = event->data.mapping_start.style;
      node->tag = g_strdup ((const char *)event->data.mapping_start.tag);
      node->anchor = g_strdup ((const char *)event->data.mapping_start.anchor);
      node->implicit = event->data.mapping_start.implicit;
      break;

    case YAML_NO_EVENT:
    case YAML_STREAM_START_EVENT:
    case YAML_STREAM_END_EVENT:
    case YAML_DOCUMENT_START_EVENT:
    case YAML_DOCUMENT_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
    default:
      set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_SYNTAX, event->start_mark.line,
                    event->start_mark.column, _("unexpected YAML event"));
      return NULL;
    }

  node->line = event->start_mark.line;
  node->column = event->start_mark.column;

  if (node->kind == BYLINE_YAML_SEQUENCE &&
      !parse_children (p, node, YAML_SEQUENCE_END_EVENT, depth, error))
    return NULL;
  if (node->kind == BYLINE_YAML_MAPPING &&
      !parse_children (p, node, YAML_MAPPING_END_EVENT, depth, error))
    return NULL;

  if (node->anchor != NULL)
    g_hash_table_insert (p->anchors, node->anchor, node);

  return g_steal_pointer (&node);
}

static const BylineYamlNode *
resolve (Parse                *p,
         const BylineYamlNode *node)
{
  if (node->kind == BYLINE_YAML_ALIAS)
    return node->target;

  return node;
}

/* Unknown keys are kept as copies, anchors and aliases included; but an alias whose node is
 * not the one written last with its anchor name (the anchor sat on a known key, which is
 * written back without it, or was defined again) is replaced by a copy of what it names.
 * @budget bounds the expansion. */
#define MAX_EXPANDED_NODES 10000

static BylineYamlNode *
copy_resolved (Parse                *p,
               const BylineYamlNode *node,
               guint                *budget)
{
  BylineYamlNode *copy;
  const BylineYamlNode *target = node;

  if (node->kind == BYLINE_YAML_ALIAS &&
      g_hash_table_lookup (p->kept_anchors, node->value) != node->target)
    target = resolve (p, node);

  if (target == NULL || *budget == 0)
    return NULL;
  (*budget)--;

  copy = g_new0 (BylineYamlNode, 1);
  *copy = *target;
  copy->line = node->line;
  copy->column = node->column;
  copy->tag = g_strdup (target->tag);
  copy->anchor = NULL;
  copy->target = NULL;
  /* Written once: a second copy of the same anchored node refers to the first. */
  if (target->anchor != NULL && g_hash_table_lookup (p->kept_anchors, target->anchor) != target)
    copy->anchor = g_strdup (target->anchor);
  else if (target->anchor != NULL && target != node)
    {
      _byline_yaml_node_free (copy);
      copy = _byline_yaml_node_new (BYLINE_YAML_ALIAS);
      copy->value = g_strdup (target->anchor);
      copy->length = strlen (copy->value);
      copy->line = node->line;
      copy->column = node->column;
      return copy;
    }
  copy->value = target->value ? g_memdup2 (target->value, target->length + 1) : NULL;
  copy->children = NULL;

  if (target->children != NULL)
    {
      copy->children = g_ptr_array_new_full (target->children->len,
                                             (GDestroyNotify)_byline_yaml_node_free);
      for (guint i = 0; i < target->children->len; i++)
        {
          BylineYamlNode *child = copy_resolved (p, g_ptr_array_index (target->children, i), budget);

          if (child == NULL)
            {
              _byline_yaml_node_free (copy);
              return NULL;
            }
          g_ptr_array_add (copy->children, child);
        }
    }

  /* As a reader does, once the node is read (its own anchors inside come first). */
  if (copy->anchor != NULL)
    g_hash_table_insert (p->kept_anchors, target->anchor, (gpointer)target);

  return copy;
}

static const char *
describe_kind (const BylineYamlNode *node)
{
  switch (node->kind)
    {
    case BYLINE_YAML_SEQUENCE:
      return _("a list");
    case BYLINE_YAML_MAPPING:
      return _("a mapping");
    case BYLINE_YAML_SCALAR:
    case BYLINE_YAML_ALIAS:
    default:
      return _("a single value");
    }
}

static gboolean
invalid_value (Parse                *p,
               const BylineYamlNode *key,
               const BylineYamlNode *value,
               const char           *expected,
               GError              **error)
{
  g_autofree char *message = g_strdup_printf (_("“%s” must be %s, not %s"),
                                              key->value, expected, describe_kind (value));

  set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_INVALID_VALUE,
                value->line, value->column, message);
  return FALSE;
}

/* Returns FALSE with @error set, or FALSE without error if the value is not of the
 * expected kind for an alias (the key is then kept as unknown). */
static gboolean
apply_known_key (Parse                *p,
                 BylineMetadata       *metadata,
                 const KnownKey       *known,
                 const BylineYamlNode *key,
                 const BylineYamlNode *raw,
                 GError              **error)
{
  const BylineYamlNode *value = resolve (p, raw);

  if (_byline_yaml_node_is_null (value))
    return TRUE;

  switch (known->kind)
    {
    case KEY_STRING:
      if (value->kind != BYLINE_YAML_SCALAR)
        return known->alias ? FALSE : invalid_value (p, key, value, _("text"), error);
      byline_metadata_set_string (metadata, known->field, value->value);
      /* An empty value is no value (as a null): it is not written back under its key. */
      if (value->value[0] != 0)
        _byline_metadata_set_key_name (metadata, known->field, key->value);
      return TRUE;

    case KEY_COVER:
      if (value->kind == BYLINE_YAML_SCALAR)
        {
          byline_metadata_set_cover_image (metadata, value->value);
          if (value->value[0] != 0)
            _byline_metadata_set_key_name (metadata, known->field, key->value);
          return TRUE;
        }
      if (value->kind == BYLINE_YAML_MAPPING && !known->alias)
        {
          g_autoptr(JsonNode) json = _byline_yaml_node_to_json (value, p->anchors);

          if (json == NULL)
            return invalid_value (p, key, value, _("a file name or a blob"), error);
          byline_metadata_set_cover_blob (metadata, json_node_get_object (json));
          return TRUE;
        }
      return known->alias ? FALSE : invalid_value (p, key, value, _("a file name or a blob"), error);

    case KEY_TAGS:
      if (value->kind == BYLINE_YAML_SCALAR)
        {
          const char *tags[] = { value->value, NULL };

          byline_metadata_set_tags (metadata, tags);
          return TRUE;
        }
      if (value->kind == BYLINE_YAML_SEQUENCE)
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) tags = NULL;

          for (guint i = 0; i < value->children->len; i++)
            {
              const BylineYamlNode *item = resolve (p, g_ptr_array_index (value->children, i));

              if (item->kind != BYLINE_YAML_SCALAR)
                return invalid_value (p, key, item, _("a list of text"), error);
              g_strv_builder_add (builder, item->value);
            }
          tags = g_strv_builder_end (builder);
          byline_metadata_set_tags (metadata, (const char * const *)tags);
          return TRUE;
        }
      return invalid_value (p, key, value, _("a list"), error);

    case KEY_BSKY_POST_REF:
      if (value->kind != BYLINE_YAML_MAPPING)
        return invalid_value (p, key, value, _("a mapping with uri and cid"), error);
      for (guint i = 0; i + 1 < value->children->len; i += 2)
        {
          const BylineYamlNode *k = resolve (p, g_ptr_array_index (value->children, i));
          const BylineYamlNode *v = resolve (p, g_ptr_array_index (value->children, i + 1));
          BylineMetadataField field;

          if (k->kind == BYLINE_YAML_SCALAR && strcmp (k->value, "uri") == 0)
            field = BYLINE_METADATA_FIELD_BSKY_POST_URI;
          else if (k->kind == BYLINE_YAML_SCALAR && strcmp (k->value, "cid") == 0)
            field = BYLINE_METADATA_FIELD_BSKY_POST_CID;
          else
            {
              set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_INVALID_VALUE, k->line, k->column,
                            _("“bskyPostRef” holds only “uri” and “cid”"));
              return FALSE;
            }
          if (v->kind != BYLINE_YAML_SCALAR)
            return invalid_value (p, k, v, _("text"), error);
          if (!_byline_yaml_node_is_null (v))
            byline_metadata_set_string (metadata, field, v->value);
        }
      return TRUE;

    case KEY_RECORD_FIELDS:
      {
        g_autoptr(JsonNode) json = NULL;

        if (value->kind != BYLINE_YAML_MAPPING)
          return invalid_value (p, key, value, _("a mapping"), error);
        json = _byline_yaml_node_to_json (value, p->anchors);
        if (json == NULL)
          return invalid_value (p, key, value, _("a mapping with text keys"), error);
        byline_metadata_set_record_fields (metadata, json_node_get_object (json));
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/* Null, or an empty scalar: what the metadata holds as no value. */
static gboolean
is_empty_value (Parse                *p,
                const BylineYamlNode *raw)
{
  const BylineYamlNode *value = resolve (p, raw);

  return _byline_yaml_node_is_null (value) ||
         (value->kind == BYLINE_YAML_SCALAR && value->value[0] == 0);
}

static gboolean
apply_mapping (Parse                *p,
               BylineMetadata       *metadata,
               const BylineYamlNode *root,
               GError              **error)
{
  const BylineYamlNode *chosen[G_N_ELEMENTS (known_keys)] = { NULL, };
  gboolean has_value[G_N_ELEMENTS (known_keys)] = { FALSE, };
  gboolean taken[G_N_ELEMENTS (known_keys)] = { FALSE, };
  GPtrArray *children = root->children;

  /* Which key provides each field: the canonical key if present, else the first alias; but
   * a key with a value wins over one without (null or empty). */
  for (guint i = 0; i + 1 < children->len; i += 2)
    {
      const KnownKey *known = lookup_known_key (g_ptr_array_index (children, i));
      guint slot;

      if (known == NULL)
        continue;
      slot = known - known_keys;
      if (chosen[slot] == NULL)
        {
          chosen[slot] = g_ptr_array_index (children, i);
          has_value[slot] = !is_empty_value (p, g_ptr_array_index (children, i + 1));
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (known_keys); i++)
    for (guint j = 0; j < i && chosen[i] != NULL; j++)
      if (chosen[j] != NULL && known_keys[j].kind == known_keys[i].kind &&
          known_keys[j].field == known_keys[i].field)
        {
          if (has_value[j] || !has_value[i])
            chosen[i] = NULL;
          else
            chosen[j] = NULL;
        }

  for (guint i = 0; i < children->len; i += 2)
    {
      BylineYamlNode *key = g_ptr_array_index (children, i);
      BylineYamlNode *value = g_ptr_array_index (children, i + 1);
      const KnownKey *known = lookup_known_key (key);
      guint slot = known ? (guint)(known - known_keys) : 0;

      /* A known key without value is not written back, chosen or not: kept as unknown,
       * it would provide the field next time. */
      if (known != NULL && chosen[slot] != key && is_empty_value (p, value))
        continue;

      if (known != NULL && chosen[slot] == key && !taken[slot])
        {
          g_autoptr(GError) local_error = NULL;

          taken[slot] = TRUE;
          if (apply_known_key (p, metadata, known, key, value, &local_error))
            continue;
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }

      {
        guint budget = MAX_EXPANDED_NODES;
        BylineYamlNode *key_copy = copy_resolved (p, key, &budget);
        BylineYamlNode *copy = copy_resolved (p, value, &budget);

        if (key_copy == NULL || copy == NULL)
          {
            g_autofree char *message = g_strdup_printf (_("“%s” repeats its aliases too many times"),
                                                        key->value ? key->value : "");

            g_clear_pointer (&key_copy, _byline_yaml_node_free);
            g_clear_pointer (&copy, _byline_yaml_node_free);
            set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_INVALID_VALUE, key->line, key->column,
                          message);
            return FALSE;
          }
        _byline_metadata_add_extra (metadata, key_copy, copy);
      }
    }

  return TRUE;
}

static gsize
count_lines (const char *text,
             gsize       len)
{
  gsize lines = 0;

  for (const char *p = memchr (text, '\n', len); p != NULL;
       p = memchr (p + 1, '\n', len - (p + 1 - text)))
    lines++;

  return lines;
}

static gboolean
check_utf8 (Parse       *p,
            const char  *yaml,
            gsize        len,
            GError     **error)
{
  const char *end = NULL;
  const char *line_start;
  g_autofree char *message = NULL;

  if (g_utf8_validate_len (yaml, len, &end))
    return TRUE;

  line_start = end;
  while (line_start > yaml && line_start[-1] != '\n')
    line_start--;

  message = g_strdup_printf (_("the text is not valid UTF-8 (byte 0x%02X)"), (guchar)*end);
  set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_ENCODING, count_lines (yaml, end - yaml),
                g_utf8_strlen (line_start, end - line_start), message);
  return FALSE;
}

static gboolean
is_fence (const char *line,
          gsize       len,
          const char *fence)
{
  if (len < 3 || memcmp (line, fence, 3) != 0)
    return FALSE;

  for (gsize i = 3; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      return FALSE;

  return TRUE;
}

/* Finds the YAML text between the fences: [*yaml_start, *yaml_end). */
static gboolean
find_block (const char *text,
            gsize       len,
            gsize      *yaml_start,
            gsize      *yaml_end,
            gsize      *block_end)
{
  gsize start = 0;
  gsize pos;
  const char *nl;

  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    start = 3;

  nl = memchr (text + start, '\n', len - start);
  if (nl == NULL || !is_fence (text + start, nl - (text + start), "---"))
    return FALSE;

  pos = nl - text + 1;
  while (pos < len)
    {
      gsize line_len;

      nl = memchr (text + pos, '\n', len - pos);
      line_len = nl ? (gsize)(nl - (text + pos)) : len - pos;

      if (is_fence (text + pos, line_len, "---") || is_fence (text + pos, line_len, "..."))
        {
          *yaml_start = start;
          *yaml_end = pos;
          *block_end = nl ? (gsize)(nl - text) + 1 : len;
          return TRUE;
        }

      if (nl == NULL)
        break;
      pos = nl - text + 1;
    }

  return FALSE;
}

/**
 * byline_front_matter_find:
 * @text: the article
 * @len: the length of @text in bytes
 * @block_end: (out) (optional): where the body starts
 *
 * Looks for a front-matter block: a `---` line at the very start (after an
 * optional byte-order mark), YAML, then a closing `---` (or `...`) line.
 *
 * Returns: %TRUE if @text opens with a front-matter block; @block_end is then the
 *   byte offset just after the closing line and its newline
 */
gboolean
byline_front_matter_find (const char *text,
                          gsize       len,
                          gsize      *block_end)
{
  gsize yaml_start, yaml_end, end;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  if (!find_block (text, len, &yaml_start, &yaml_end, &end))
    return FALSE;

  if (block_end != NULL)
    *block_end = end;

  return TRUE;
}

/**
 * byline_front_matter_parse:
 * @text: the article
 * @len: the length of @text in bytes
 * @body_offset: (out) (optional): where the body starts (0 without front matter)
 * @error: return location for a #GError
 *
 * Parses the front matter with libyaml. Known keys and their aliases fill the
 * metadata's properties; every other key is kept, in order, with its value as
 * written. Of a canonical key and an alias for the same field (`publishedAt` and
 * `date`), the canonical key wins and the alias is kept as an unknown key.
 *
 * Returns: (transfer full) (nullable): the metadata, empty when there is no front
 *   matter, or %NULL with @error set in %BYLINE_FRONT_MATTER_ERROR
 */
BylineMetadata *
byline_front_matter_parse (const char  *text,
                           gsize        len,
                           gsize       *body_offset,
                           GError     **error)
{
  g_autoptr(BylineMetadata) metadata = byline_metadata_new ();
  g_autoptr(BylineYamlNode) root = NULL;
  g_autoptr(GHashTable) anchors = NULL;
  g_autoptr(GHashTable) kept_anchors = NULL;
  yaml_event_t event;
  gsize yaml_start, yaml_end, block_end;
  gboolean ok = FALSE;
  Parse p = { 0, };

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (body_offset != NULL)
    *body_offset = 0;

  if (!find_block (text, len, &yaml_start, &yaml_end, &block_end))
    return g_steal_pointer (&metadata);

  p.yaml = text + yaml_start;
  p.first_line = count_lines (text, yaml_start) + 1;
  anchors = p.anchors = g_hash_table_new (g_str_hash, g_str_equal);
  kept_anchors = p.kept_anchors = g_hash_table_new (g_str_hash, g_str_equal);

  /* The fence line's own length, so that yaml_start points at the YAML itself. */
  yaml_start = (const char *)memchr (text + yaml_start, '\n', yaml_end - yaml_start) - text + 1;
  p.yaml = text + yaml_start;
  p.yaml_len = yaml_end - yaml_start;

  if (!check_utf8 (&p, p.yaml, yaml_end - yaml_start, error))
    return NULL;

  yaml_parser_initialize (&p.parser);
  yaml_parser_set_input_string (&p.parser, (const guchar *)p.yaml, yaml_end - yaml_start);
  yaml_parser_set_encoding (&p.parser, YAML_UTF8_ENCODING);

  if (!next_event (&p, &event, error))       /* STREAM-START */
    goto out;
  yaml_event_delete (&event);
  if (!next_event (&p, &event, error))
    goto out;

  if (event.type == YAML_DOCUMENT_START_EVENT)
    {
      yaml_event_delete (&event);
      if (!next_event (&p, &event, error))
        goto out;
      root = parse_node (&p, &event, 0, error);
      yaml_event_delete (&event);
      if (root == NULL)
        goto out;
      if (!next_event (&p, &event, error))    /* DOCUMENT-END */
        goto out;
    }
  yaml_event_delete (&event);

  if (root != NULL && root->kind != BYLINE_YAML_MAPPING && !_byline_yaml_node_is_null (root))
    {
      g_autofree char *message =
        g_strdup_printf (_("expected keys with values (“title: …”), found %s"), describe_kind (root));

      set_error_at (&p, error, BYLINE_FRONT_MATTER_ERROR_NOT_MAPPING, root->line, root->column, message);
      goto out;
    }

  if (root != NULL && root->kind == BYLINE_YAML_MAPPING && !apply_mapping (&p, metadata, root, error))
    goto out;

  ok = TRUE;
  if (body_offset != NULL)
    *body_offset = block_end;

out:
  yaml_parser_delete (&p.parser);

  return ok ? g_steal_pointer (&metadata) : NULL;
}

static int
write_cb (void          *data,
          unsigned char *buffer,
          size_t         size)
{
  g_string_append_len (data, (const char *)buffer, size);
  return 1;
}

static gboolean
emit_key (yaml_emitter_t *emitter,
          const char     *key,
          BylineYamlNode *value)
{
  g_autoptr(BylineYamlNode) owned_value = value;
  g_autoptr(BylineYamlNode) key_node = _byline_yaml_node_from_string (key);

  return _byline_yaml_node_emit (key_node, emitter, TRUE) &&
         _byline_yaml_node_emit (value, emitter, FALSE);
}

static gboolean
emit_string (yaml_emitter_t *emitter,
             BylineMetadata *metadata,
             guint           field)
{
  const char *value = byline_metadata_get_string (metadata, field);

  if (value == NULL)
    return TRUE;

  return emit_key (emitter, _byline_metadata_get_key_name (metadata, field),
                   _byline_yaml_node_from_string (value));
}

static gboolean
emit_json (yaml_emitter_t *emitter,
           const char     *key,
           JsonObject     *object)
{
  g_autoptr(JsonNode) node = NULL;

  if (object == NULL)
    return TRUE;

  node = json_node_init_object (json_node_alloc (), object);
  return emit_key (emitter, key, _byline_yaml_node_from_json (node));
}

static gboolean
emit_metadata (yaml_emitter_t *emitter,
               BylineMetadata *metadata)
{
  const char * const *tags = byline_metadata_get_tags (metadata);
  const char *uri = byline_metadata_get_bsky_post_uri (metadata);
  const char *cid = byline_metadata_get_bsky_post_cid (metadata);
  GPtrArray *extra = _byline_metadata_get_extra (metadata);

  if (!emit_string (emitter, metadata, BYLINE_METADATA_FIELD_TITLE) ||
      !emit_string (emitter, metadata, BYLINE_METADATA_FIELD_DESCRIPTION) ||
      !emit_string (emitter, metadata, BYLINE_METADATA_FIELD_SITE) ||
      !emit_string (emitter, metadata, BYLINE_METADATA_FIELD_PATH) ||
      !emit_string (emitter, metadata, BYLINE_METADATA_FIELD_PUBLISHED_AT) ||
      !emit_string (emitter, metadata, BYLINE_METADATA_FIELD_UPDATED_AT))
    return FALSE;

  if (tags != NULL)
    {
      BylineYamlNode *seq = _byline_yaml_node_new (BYLINE_YAML_SEQUENCE);

      seq->style = tags[0] ? YAML_BLOCK_SEQUENCE_STYLE : YAML_FLOW_SEQUENCE_STYLE;
      for (guint i = 0; tags[i] != NULL; i++)
        g_ptr_array_add (seq->children, _byline_yaml_node_from_string (tags[i]));
      if (!emit_key (emitter, "tags", seq))
        return FALSE;
    }

  /* A file name replaces a blob: it is what the user chose last. */
  if (byline_metadata_get_cover_image (metadata) != NULL)
    {
      if (!emit_string (emitter, metadata, BYLINE_METADATA_FIELD_COVER_IMAGE))
        return FALSE;
    }
  else if (!emit_json (emitter, "coverImage", byline_metadata_get_cover_blob (metadata)))
    return FALSE;

  if (uri != NULL || cid != NULL)
    {
      BylineYamlNode *map = _byline_yaml_node_new (BYLINE_YAML_MAPPING);

      map->style = YAML_BLOCK_MAPPING_STYLE;
      if (uri != NULL)
        {
          g_ptr_array_add (map->children, _byline_yaml_node_from_string ("uri"));
          g_ptr_array_add (map->children, _byline_yaml_node_from_string (uri));
        }
      if (cid != NULL)
        {
          g_ptr_array_add (map->children, _byline_yaml_node_from_string ("cid"));
          g_ptr_array_add (map->children, _byline_yaml_node_from_string (cid));
        }
      if (!emit_key (emitter, "bskyPostRef", map))
        return FALSE;
    }

  if (!emit_string (emitter, metadata, BYLINE_METADATA_FIELD_RECORD_URI) ||
      !emit_string (emitter, metadata, BYLINE_METADATA_FIELD_RECORD_CID) ||
      !emit_json (emitter, "recordFields", byline_metadata_get_record_fields (metadata)))
    return FALSE;

  for (guint i = 0; i < extra->len; i++)
    if (!_byline_yaml_node_emit (g_ptr_array_index (extra, i), emitter, i % 2 == 0))
      return FALSE;

  return TRUE;
}

/**
 * byline_front_matter_serialize:
 * @metadata: a #BylineMetadata
 *
 * Writes the front-matter block with libyaml's emitter: known keys in a stable
 * order (title, description, site, path, publishedAt, updatedAt, tags,
 * coverImage, bskyPostRef, atUri, atCid, recordFields), each under the alias it
 * was read with, then the unknown keys in their order with their values exactly
 * as read.
 *
 * Returns: (transfer full): `---\n…---\n`, or "" when @metadata is empty
 */
char *
byline_front_matter_serialize (BylineMetadata *metadata)
{
  g_autoptr(GString) yaml = NULL;
  yaml_emitter_t emitter;
  yaml_event_t event;
  gboolean ok;

  g_return_val_if_fail (BYLINE_IS_METADATA (metadata), NULL);

  if (byline_metadata_is_empty (metadata))
    return g_strdup ("");

  yaml = g_string_new ("---\n");
  yaml_emitter_initialize (&emitter);
  yaml_emitter_set_output (&emitter, write_cb, yaml);
  yaml_emitter_set_unicode (&emitter, 1);
  yaml_emitter_set_width (&emitter, -1);
  yaml_emitter_set_indent (&emitter, 2);
  yaml_emitter_set_break (&emitter, YAML_LN_BREAK);

  ok = yaml_stream_start_event_initialize (&event, YAML_UTF8_ENCODING) &&
       yaml_emitter_emit (&emitter, &event) &&
       yaml_document_start_event_initialize (&event, NULL, NULL, NULL, 1) &&
       yaml_emitter_emit (&emitter, &event) &&
       yaml_mapping_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE) &&
       yaml_emitter_emit (&emitter, &event) &&
       emit_metadata (&emitter, metadata) &&
       yaml_mapping_end_event_initialize (&event) &&
       yaml_emitter_emit (&emitter, &event) &&
       yaml_document_end_event_initialize (&event, 1) &&
       yaml_emitter_emit (&emitter, &event) &&
       yaml_stream_end_event_initialize (&event) &&
       yaml_emitter_emit (&emitter, &event) &&
       yaml_emitter_flush (&emitter);

  if (!ok)
    g_critical ("Failed to write front matter: %s",
                emitter.problem ? emitter.problem : "invalid value");
  yaml_emitter_delete (&emitter);

  if (!ok)
    return g_strdup ("");

  /* An implicit document end still leaves a "..." line after some values: drop it, but
   * not the end of a block value's last line ("|\n  The end...\n"). */
  if (g_str_has_suffix (yaml->str, "\n...\n"))
    g_string_truncate (yaml, yaml->len - 4);

  g_string_append (yaml, "---\n");

  return g_string_free (g_steal_pointer (&yaml), FALSE);
}

/**
 * byline_front_matter_replace:
 * @text: the article
 * @len: the length of @text in bytes
 * @metadata: the new metadata
 *
 * Returns: (transfer full): @text with its front-matter block (if any) replaced
 *   by @metadata's, the body untouched
 */
char *
byline_front_matter_replace (const char     *text,
                             gsize           len,
                             BylineMetadata *metadata)
{
  g_autofree char *block = NULL;
  gsize body = 0;
  GString *out;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (BYLINE_IS_METADATA (metadata), NULL);

  byline_front_matter_find (text, len, &body);
  block = byline_front_matter_serialize (metadata);

  out = g_string_sized_new (strlen (block) + len - body + 1);
  g_string_append (out, block);
  /* Without a block, a body that opens with a "---" line would be read as the front matter
   * next time: keep an empty block in front of it. */
  if (block[0] == '\0' && byline_front_matter_find (text + body, len - body, NULL))
    g_string_append (out, "---\n---\n");
  g_string_append_len (out, text + body, len - body);

  return g_string_free (out, FALSE);
}
