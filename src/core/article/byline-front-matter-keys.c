/* byline-front-matter-keys.c
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

#include "byline-front-matter-private.h"
#include "byline-metadata-private.h"
#include "byline-yaml-private.h"

/*
 * What the keys of a parsed front-matter mapping mean: the known keys and their aliases fill
 * the metadata's properties, every other key is kept with its value as written.
 */

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
  { "contentFormat", KEY_STRING,       BYLINE_METADATA_FIELD_CONTENT_FORMAT, FALSE },
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

/* Whether @key is one of the keys the metadata reads (aliases included). */
gboolean
_byline_front_matter_is_known_key (const char *key)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (known_keys); i++)
    if (strcmp (known_keys[i].key, key) == 0)
      return TRUE;

  return FALSE;
}

static const BylineYamlNode *
resolve (BylineFrontMatterParse *p,
         const BylineYamlNode   *node)
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
copy_resolved (BylineFrontMatterParse *p,
               const BylineYamlNode   *node,
               guint                  *budget)
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

static gboolean
invalid_value (BylineFrontMatterParse  *p,
               const BylineYamlNode    *key,
               const BylineYamlNode    *value,
               const char              *expected,
               GError                 **error)
{
  g_autofree char *message = g_strdup_printf (_("“%s” must be %s, not %s"), key->value, expected,
                                              _byline_front_matter_describe_kind (value));

  _byline_front_matter_set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_INVALID_VALUE,
                                     value->line, value->column, message);
  return FALSE;
}

/* Returns FALSE with @error set, or FALSE without error if the value is not of the
 * expected kind for an alias (the key is then kept as unknown). */
static gboolean
apply_known_key (BylineFrontMatterParse  *p,
                 BylineMetadata          *metadata,
                 const KnownKey          *known,
                 const BylineYamlNode    *key,
                 const BylineYamlNode    *raw,
                 GError                 **error)
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
              _byline_front_matter_set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_INVALID_VALUE,
                                                 k->line, k->column,
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
is_empty_value (BylineFrontMatterParse *p,
                const BylineYamlNode   *raw)
{
  const BylineYamlNode *value = resolve (p, raw);

  return _byline_yaml_node_is_null (value) ||
         (value->kind == BYLINE_YAML_SCALAR && value->value[0] == 0);
}

/* Fills @metadata from the front matter's @root mapping. */
gboolean
_byline_front_matter_apply_mapping (BylineFrontMatterParse  *p,
                                    BylineMetadata          *metadata,
                                    const BylineYamlNode    *root,
                                    GError                 **error)
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
            _byline_front_matter_set_error_at (p, error, BYLINE_FRONT_MATTER_ERROR_INVALID_VALUE,
                                               key->line, key->column, message);
            return FALSE;
          }
        _byline_metadata_add_extra (metadata, key_copy, copy);
      }
    }

  return TRUE;
}
