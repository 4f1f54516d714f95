/* byline-metadata.c
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

#define G_LOG_DOMAIN "byline-metadata"

#include "config.h"

#include <string.h>

#include "byline-metadata-private.h"

struct _BylineMetadata
{
  GObject     parent_instance;

  char       *strings[BYLINE_METADATA_N_FIELDS];
  char       *key_names[BYLINE_METADATA_N_FIELDS];
  char      **tags;
  JsonObject *cover_blob;
  JsonObject *record_fields;

  /* Unknown front-matter keys, in order: key, value, key, value, ... */
  GPtrArray  *extra;

  guint       updating;
  guint       changed_while_updating : 1;
};

G_DEFINE_FINAL_TYPE (BylineMetadata, byline_metadata, G_TYPE_OBJECT)

enum {
  PROP_0,
  /* PROP_0 + 1 + BylineMetadataField */
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_SITE,
  PROP_PATH,
  PROP_COVER_IMAGE,
  PROP_PUBLISHED_AT,
  PROP_UPDATED_AT,
  PROP_BSKY_POST_URI,
  PROP_BSKY_POST_CID,
  PROP_RECORD_URI,
  PROP_RECORD_CID,
  PROP_CONTENT_FORMAT,
  PROP_TAGS,
  PROP_COVER_BLOB,
  PROP_RECORD_FIELDS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const field_keys[BYLINE_METADATA_N_FIELDS] = {
  "title", "description", "site", "path", "coverImage", "publishedAt", "updatedAt",
  "bskyPostRef.uri", "bskyPostRef.cid", "atUri", "atCid", "contentFormat",
};

static const char * const field_props[BYLINE_METADATA_N_FIELDS] = {
  "title", "description", "site", "path", "cover-image", "published-at", "updated-at",
  "bsky-post-uri", "bsky-post-cid", "record-uri", "record-cid", "content-format",
};

static void
emit_changed (BylineMetadata *self)
{
  if (self->updating > 0)
    self->changed_while_updating = TRUE;
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
json_object_equal0 (JsonObject *a,
                    JsonObject *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return json_object_equal (a, b);
}

static gboolean
extra_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!_byline_yaml_node_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

static void
byline_metadata_finalize (GObject *object)
{
  BylineMetadata *self = (BylineMetadata *)object;

  for (guint i = 0; i < BYLINE_METADATA_N_FIELDS; i++)
    {
      g_clear_pointer (&self->strings[i], g_free);
      g_clear_pointer (&self->key_names[i], g_free);
    }
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->cover_blob, json_object_unref);
  g_clear_pointer (&self->record_fields, json_object_unref);
  g_clear_pointer (&self->extra, g_ptr_array_unref);

  G_OBJECT_CLASS (byline_metadata_parent_class)->finalize (object);
}

static void
byline_metadata_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BylineMetadata *self = BYLINE_METADATA (object);

  if (prop_id >= PROP_TITLE && prop_id <= PROP_CONTENT_FORMAT)
    {
      g_value_set_string (value, byline_metadata_get_string (self, prop_id - PROP_TITLE));
      return;
    }

  switch (prop_id)
    {
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_COVER_BLOB:
      g_value_set_boxed (value, self->cover_blob);
      break;

    case PROP_RECORD_FIELDS:
      g_value_set_boxed (value, self->record_fields);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_metadata_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BylineMetadata *self = BYLINE_METADATA (object);

  if (prop_id >= PROP_TITLE && prop_id <= PROP_CONTENT_FORMAT)
    {
      byline_metadata_set_string (self, prop_id - PROP_TITLE, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_TAGS:
      byline_metadata_set_tags (self, g_value_get_boxed (value));
      break;

    case PROP_COVER_BLOB:
      byline_metadata_set_cover_blob (self, g_value_get_boxed (value));
      break;

    case PROP_RECORD_FIELDS:
      byline_metadata_set_record_fields (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_metadata_class_init (BylineMetadataClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_metadata_finalize;
  object_class->get_property = byline_metadata_get_property;
  object_class->set_property = byline_metadata_set_property;

  /**
   * BylineMetadata:title: (getter get_title) (setter set_title)
   *
   * The `title` of the article (required to publish).
   */
  /**
   * BylineMetadata:description: (getter get_description) (setter set_description)
   *
   * The `description` (front matter aliases `summary` and `excerpt`).
   */
  /**
   * BylineMetadata:site: (getter get_site) (setter set_site)
   *
   * The publication: an `at://` URI or an `https://` URL.
   */
  /**
   * BylineMetadata:path: (getter get_path) (setter set_path)
   *
   * The `path` of the article below the site (alias `slug`).
   */
  /**
   * BylineMetadata:cover-image: (getter get_cover_image) (setter set_cover_image)
   *
   * The cover image file, relative to the article (aliases `image`, `cover`,
   * `cover_image`).
   */
  /**
   * BylineMetadata:published-at: (getter get_published_at) (setter set_published_at)
   *
   * `publishedAt` as written (alias `date`); export normalises it.
   */
  /**
   * BylineMetadata:updated-at: (getter get_updated_at) (setter set_updated_at)
   *
   * `updatedAt` as written (aliases `lastmod`, `updated`).
   */
  /**
   * BylineMetadata:bsky-post-uri: (getter get_bsky_post_uri) (setter set_bsky_post_uri)
   *
   * `bskyPostRef.uri`, the announcing Bluesky post.
   */
  /**
   * BylineMetadata:bsky-post-cid: (getter get_bsky_post_cid) (setter set_bsky_post_cid)
   *
   * `bskyPostRef.cid`.
   */
  /**
   * BylineMetadata:record-uri: (getter get_record_uri) (setter set_record_uri)
   *
   * `atUri`: the AT-URI of the published record (its last segment is the rkey).
   */
  /**
   * BylineMetadata:record-cid: (getter get_record_cid) (setter set_record_cid)
   *
   * `atCid`: the CID of the last published version, for `swapRecord`.
   */
  /**
   * BylineMetadata:content-format:
   *
   * `contentFormat`: what the record's `content` is written as: `markdown` (the
   * default), `leaflet` (Leaflet blocks) or `none` (only `textContent`).
   */
  for (guint i = 0; i < BYLINE_METADATA_N_FIELDS; i++)
    properties[PROP_TITLE + i] =
      g_param_spec_string (field_props[i], NULL, NULL, NULL,
                           (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * BylineMetadata:tags: (getter get_tags) (setter set_tags)
   *
   * The `tags`, without a leading `#`.
   */
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * BylineMetadata:cover-blob: (getter get_cover_blob) (setter set_cover_blob)
   *
   * A `coverImage` blob object (`$type`, `ref`, `mimeType`, `size`) kept as read,
   * when the front matter or an imported record holds one instead of a file name.
   */
  properties[PROP_COVER_BLOB] =
    g_param_spec_boxed ("cover-blob", NULL, NULL, JSON_TYPE_OBJECT,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * BylineMetadata:record-fields: (getter get_record_fields) (setter set_record_fields)
   *
   * Record fields kept verbatim from an imported record (front-matter key
   * `recordFields`): fields Byline does not edit (`labels`, `links`,
   * `contributors`, unknown ones), a `content` object of a type Byline cannot
   * regenerate, and original spellings of datetimes.
   */
  properties[PROP_RECORD_FIELDS] =
    g_param_spec_boxed ("record-fields", NULL, NULL, JSON_TYPE_OBJECT,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineMetadata::changed:
   *
   * Emitted once after any value changed, including unknown keys.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
byline_metadata_init (BylineMetadata *self)
{
  self->extra = g_ptr_array_new_with_free_func ((GDestroyNotify)_byline_yaml_node_free);
}

/**
 * byline_metadata_new:
 *
 * Returns: (transfer full): empty metadata
 */
BylineMetadata *
byline_metadata_new (void)
{
  return g_object_new (BYLINE_TYPE_METADATA, NULL);
}

/**
 * byline_metadata_copy:
 * @self: a #BylineMetadata
 *
 * Makes a deep copy, unknown keys and key spellings included; for snapshots
 * handed to a worker thread.
 *
 * Returns: (transfer full): a new #BylineMetadata
 */
BylineMetadata *
byline_metadata_copy (BylineMetadata *self)
{
  BylineMetadata *copy;

  g_return_val_if_fail (BYLINE_IS_METADATA (self), NULL);

  copy = byline_metadata_new ();
  byline_metadata_update (copy, self);

  return copy;
}

/**
 * byline_metadata_equal:
 * @self: a #BylineMetadata
 * @other: a #BylineMetadata
 *
 * Returns: %TRUE if both hold the same values, unknown keys included
 */
gboolean
byline_metadata_equal (BylineMetadata *self,
                       BylineMetadata *other)
{
  g_return_val_if_fail (BYLINE_IS_METADATA (self), FALSE);
  g_return_val_if_fail (BYLINE_IS_METADATA (other), FALSE);

  for (guint i = 0; i < BYLINE_METADATA_N_FIELDS; i++)
    if (g_strcmp0 (self->strings[i], other->strings[i]) != 0 ||
        g_strcmp0 (self->key_names[i], other->key_names[i]) != 0)
      return FALSE;

  if ((self->tags == NULL) != (other->tags == NULL) ||
      (self->tags != NULL && !g_strv_equal ((const char * const *)self->tags,
                                            (const char * const *)other->tags)))
    return FALSE;

  return json_object_equal0 (self->cover_blob, other->cover_blob) &&
         json_object_equal0 (self->record_fields, other->record_fields) &&
         extra_equal (self->extra, other->extra);
}

/**
 * byline_metadata_is_empty:
 * @self: a #BylineMetadata
 *
 * Returns: %TRUE if no key at all is set
 */
gboolean
byline_metadata_is_empty (BylineMetadata *self)
{
  g_return_val_if_fail (BYLINE_IS_METADATA (self), TRUE);

  for (guint i = 0; i < BYLINE_METADATA_N_FIELDS; i++)
    if (self->strings[i] != NULL)
      return FALSE;

  return self->tags == NULL && self->cover_blob == NULL && self->record_fields == NULL &&
         self->extra->len == 0;
}

/**
 * byline_metadata_update:
 * @self: a #BylineMetadata
 * @other: the values to take
 *
 * Makes @self hold the values of @other. Only properties whose value differs
 * are notified, and [signal@Metadata::changed] is emitted at most once: the GUI
 * applies each freshly parsed front matter with this.
 */
void
byline_metadata_update (BylineMetadata *self,
                        BylineMetadata *other)
{
  g_return_if_fail (BYLINE_IS_METADATA (self));
  g_return_if_fail (BYLINE_IS_METADATA (other));

  if (self == other)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->updating++;

  for (guint i = 0; i < BYLINE_METADATA_N_FIELDS; i++)
    {
      byline_metadata_set_string (self, i, other->strings[i]);
      if (g_set_str (&self->key_names[i], other->key_names[i]))
        self->changed_while_updating = TRUE;
    }
  byline_metadata_set_tags (self, (const char * const *)other->tags);
  byline_metadata_set_cover_blob (self, other->cover_blob);
  byline_metadata_set_record_fields (self, other->record_fields);

  if (!extra_equal (self->extra, other->extra))
    {
      g_ptr_array_set_size (self->extra, 0);
      for (guint i = 0; i < other->extra->len; i++)
        g_ptr_array_add (self->extra, _byline_yaml_node_copy (g_ptr_array_index (other->extra, i)));
      self->changed_while_updating = TRUE;
    }

  self->updating--;
  g_object_thaw_notify (G_OBJECT (self));

  if (self->updating == 0 && self->changed_while_updating)
    {
      self->changed_while_updating = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

/**
 * byline_metadata_field_get_key:
 * @field: a #BylineMetadataField
 *
 * Returns: the front-matter key of @field (`bskyPostRef.uri` for nested ones),
 *   which is also the field name used by [struct@Problem]
 */
const char *
byline_metadata_field_get_key (BylineMetadataField field)
{
  g_return_val_if_fail (field < BYLINE_METADATA_N_FIELDS, NULL);

  return field_keys[field];
}

/**
 * byline_metadata_get_string:
 * @self: a #BylineMetadata
 * @field: a #BylineMetadataField
 *
 * Returns: (nullable): the value of @field
 */
const char *
byline_metadata_get_string (BylineMetadata      *self,
                            BylineMetadataField  field)
{
  g_return_val_if_fail (BYLINE_IS_METADATA (self), NULL);
  g_return_val_if_fail (field < BYLINE_METADATA_N_FIELDS, NULL);

  return self->strings[field];
}

/**
 * byline_metadata_set_string:
 * @self: a #BylineMetadata
 * @field: a #BylineMetadataField
 * @value: (nullable): the new value; %NULL or "" unsets the key
 *
 * Sets @field, notifying its property only when the value changes.
 */
void
byline_metadata_set_string (BylineMetadata      *self,
                            BylineMetadataField  field,
                            const char          *value)
{
  g_return_if_fail (BYLINE_IS_METADATA (self));
  g_return_if_fail (field < BYLINE_METADATA_N_FIELDS);

  if (value != NULL && value[0] == 0)
    value = NULL;

  if (g_set_str (&self->strings[field], value))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE + field]);
      emit_changed (self);
    }
}

#define DEFINE_STRING_ACCESSORS(name, FIELD)                             \
const char *                                                             \
byline_metadata_get_##name (BylineMetadata *self)                        \
{                                                                        \
  return byline_metadata_get_string (self, BYLINE_METADATA_FIELD_##FIELD); \
}                                                                        \
                                                                         \
void                                                                     \
byline_metadata_set_##name (BylineMetadata *self,                        \
                            const char     *value)                       \
{                                                                        \
  byline_metadata_set_string (self, BYLINE_METADATA_FIELD_##FIELD, value); \
}

/* The named accessors are documented with their properties. */
DEFINE_STRING_ACCESSORS (title, TITLE)
DEFINE_STRING_ACCESSORS (description, DESCRIPTION)
DEFINE_STRING_ACCESSORS (site, SITE)
DEFINE_STRING_ACCESSORS (path, PATH)
DEFINE_STRING_ACCESSORS (cover_image, COVER_IMAGE)
DEFINE_STRING_ACCESSORS (published_at, PUBLISHED_AT)
DEFINE_STRING_ACCESSORS (updated_at, UPDATED_AT)
DEFINE_STRING_ACCESSORS (bsky_post_uri, BSKY_POST_URI)
DEFINE_STRING_ACCESSORS (bsky_post_cid, BSKY_POST_CID)
DEFINE_STRING_ACCESSORS (record_uri, RECORD_URI)
DEFINE_STRING_ACCESSORS (record_cid, RECORD_CID)

#undef DEFINE_STRING_ACCESSORS

/**
 * byline_metadata_get_tags:
 * @self: a #BylineMetadata
 *
 * Returns: (nullable) (transfer none): the tags
 */
const char * const *
byline_metadata_get_tags (BylineMetadata *self)
{
  g_return_val_if_fail (BYLINE_IS_METADATA (self), NULL);

  return (const char * const *)self->tags;
}

/**
 * byline_metadata_set_tags:
 * @self: a #BylineMetadata
 * @tags: (nullable): the tags; %NULL removes the key (an empty array keeps `tags: []`)
 */
void
byline_metadata_set_tags (BylineMetadata     *self,
                          const char * const *tags)
{
  g_auto(GStrv) old_tags = NULL;

  g_return_if_fail (BYLINE_IS_METADATA (self));

  if ((tags == NULL && self->tags == NULL) ||
      (tags != NULL && self->tags != NULL &&
       g_strv_equal (tags, (const char * const *)self->tags)))
    return;

  /* @tags may point into the old array. */
  old_tags = g_steal_pointer (&self->tags);
  self->tags = g_strdupv ((char **)tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
  emit_changed (self);
}

static void
set_json_object (BylineMetadata  *self,
                 JsonObject     **field,
                 JsonObject      *value,
                 guint            prop_id)
{
  if (json_object_equal0 (*field, value))
    return;

  g_clear_pointer (field, json_object_unref);
  if (value != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), value);
      g_autoptr(JsonNode) copy = json_node_copy (node);

      /* A deep copy, so that later edits of the caller's object don't leak in. */
      *field = json_object_ref (json_node_get_object (copy));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  emit_changed (self);
}

/**
 * byline_metadata_get_cover_blob:
 * @self: a #BylineMetadata
 *
 * Returns: (nullable) (transfer none): the `coverImage` blob object, if the
 *   front matter holds one rather than a file name
 */
JsonObject *
byline_metadata_get_cover_blob (BylineMetadata *self)
{
  g_return_val_if_fail (BYLINE_IS_METADATA (self), NULL);

  return self->cover_blob;
}

/**
 * byline_metadata_set_cover_blob:
 * @self: a #BylineMetadata
 * @blob: (nullable): a blob object; it is copied
 */
void
byline_metadata_set_cover_blob (BylineMetadata *self,
                                JsonObject     *blob)
{
  g_return_if_fail (BYLINE_IS_METADATA (self));

  set_json_object (self, &self->cover_blob, blob, PROP_COVER_BLOB);
}

/**
 * byline_metadata_get_record_fields:
 * @self: a #BylineMetadata
 *
 * Returns: (nullable) (transfer none): the record fields kept verbatim
 */
JsonObject *
byline_metadata_get_record_fields (BylineMetadata *self)
{
  g_return_val_if_fail (BYLINE_IS_METADATA (self), NULL);

  return self->record_fields;
}

/**
 * byline_metadata_set_record_fields:
 * @self: a #BylineMetadata
 * @fields: (nullable): an object; it is copied
 */
void
byline_metadata_set_record_fields (BylineMetadata *self,
                                   JsonObject     *fields)
{
  g_return_if_fail (BYLINE_IS_METADATA (self));

  if (fields != NULL && json_object_get_size (fields) == 0)
    fields = NULL;

  set_json_object (self, &self->record_fields, fields, PROP_RECORD_FIELDS);
}

/**
 * byline_metadata_get_n_extra_keys:
 * @self: a #BylineMetadata
 *
 * Returns: the number of front-matter keys Byline does not know, kept as is
 */
guint
byline_metadata_get_n_extra_keys (BylineMetadata *self)
{
  g_return_val_if_fail (BYLINE_IS_METADATA (self), 0);

  return self->extra->len / 2;
}

/**
 * byline_metadata_get_extra_key:
 * @self: a #BylineMetadata
 * @position: an index below [method@Metadata.get_n_extra_keys]
 *
 * Returns: (nullable): the name of the unknown key at @position, or %NULL if the
 *   key is not a plain string
 */
const char *
byline_metadata_get_extra_key (BylineMetadata *self,
                               guint           position)
{
  const BylineYamlNode *key;

  g_return_val_if_fail (BYLINE_IS_METADATA (self), NULL);
  g_return_val_if_fail (position < self->extra->len / 2, NULL);

  key = g_ptr_array_index (self->extra, position * 2);
  return key->kind == BYLINE_YAML_SCALAR ? key->value : NULL;
}

/* The value of the unknown key @key, or %NULL. */
const BylineYamlNode *
_byline_metadata_get_extra_node (BylineMetadata *self,
                                 const char     *key)
{
  for (guint i = 0; i + 1 < self->extra->len; i += 2)
    {
      const BylineYamlNode *name = g_ptr_array_index (self->extra, i);

      if (name->kind == BYLINE_YAML_SCALAR && g_strcmp0 (name->value, key) == 0)
        return g_ptr_array_index (self->extra, i + 1);
    }

  return NULL;
}

/**
 * byline_metadata_get_extra_string:
 * @self: a #BylineMetadata
 * @key: the name of a key Byline keeps without knowing it (such as `theme`)
 *
 * Returns: (nullable): the key's value if it is a plain string, or %NULL
 */
const char *
byline_metadata_get_extra_string (BylineMetadata *self,
                                  const char     *key)
{
  const BylineYamlNode *value;

  g_return_val_if_fail (BYLINE_IS_METADATA (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  value = _byline_metadata_get_extra_node (self, key);

  return value != NULL && value->kind == BYLINE_YAML_SCALAR ? value->value : NULL;
}

void
_byline_metadata_set_key_name (BylineMetadata      *self,
                               BylineMetadataField  field,
                               const char          *key)
{
  g_assert (BYLINE_IS_METADATA (self));
  g_assert (field < BYLINE_METADATA_N_FIELDS);

  /* Only aliases are remembered, so that the canonical key stays the default. */
  if (key != NULL && strcmp (key, field_keys[field]) == 0)
    key = NULL;

  if (g_set_str (&self->key_names[field], key))
    emit_changed (self);
}

const char *
_byline_metadata_get_key_name (BylineMetadata      *self,
                               BylineMetadataField  field)
{
  g_assert (BYLINE_IS_METADATA (self));
  g_assert (field < BYLINE_METADATA_N_FIELDS);

  return self->key_names[field] ? self->key_names[field] : field_keys[field];
}

void
_byline_metadata_add_extra (BylineMetadata *self,
                            BylineYamlNode *key,
                            BylineYamlNode *value)
{
  g_assert (BYLINE_IS_METADATA (self));

  g_ptr_array_add (self->extra, key);
  g_ptr_array_add (self->extra, value);
  emit_changed (self);
}

GPtrArray *
_byline_metadata_get_extra (BylineMetadata *self)
{
  g_assert (BYLINE_IS_METADATA (self));

  return self->extra;
}

/* Sets the value of the unknown key @key where it stands (or last, if it is new), takes
 * @value; %NULL removes the key. */
void
_byline_metadata_set_extra_node (BylineMetadata *self,
                                 const char     *key,
                                 BylineYamlNode *value)
{
  g_assert (BYLINE_IS_METADATA (self));
  g_assert (key != NULL);

  for (guint i = 0; i + 1 < self->extra->len; i += 2)
    {
      const BylineYamlNode *name = g_ptr_array_index (self->extra, i);

      if (name->kind != BYLINE_YAML_SCALAR || g_strcmp0 (name->value, key) != 0)
        continue;

      if (value == NULL)
        g_ptr_array_remove_range (self->extra, i, 2);
      else if (_byline_yaml_node_equal (g_ptr_array_index (self->extra, i + 1), value))
        {
          _byline_yaml_node_free (value);
          return;
        }
      else
        {
          _byline_yaml_node_free (g_ptr_array_index (self->extra, i + 1));
          g_ptr_array_index (self->extra, i + 1) = value;
        }
      emit_changed (self);
      return;
    }

  if (value != NULL)
    _byline_metadata_add_extra (self, _byline_yaml_node_from_string (key), value);
}

/**
 * byline_metadata_merge_changes:
 * @self: the metadata to change: what the text holds now
 * @base: what @changed was made from
 * @changed: @base with some fields edited
 *
 * Applies to @self the fields that differ between @base and @changed, and only those. The
 * side panel edits a copy of the metadata the last render read, while the text may have
 * changed since (the writer typing in the front matter, a file just opened): the panel's
 * edits then land on what the text holds, without undoing the rest.
 */
void
byline_metadata_merge_changes (BylineMetadata *self,
                               BylineMetadata *base,
                               BylineMetadata *changed)
{
  g_return_if_fail (BYLINE_IS_METADATA (self));
  g_return_if_fail (BYLINE_IS_METADATA (base));
  g_return_if_fail (BYLINE_IS_METADATA (changed));

  for (guint i = 0; i < BYLINE_METADATA_N_FIELDS; i++)
    if (g_strcmp0 (base->strings[i], changed->strings[i]) != 0)
      byline_metadata_set_string (self, i, changed->strings[i]);

  if ((base->tags == NULL) != (changed->tags == NULL) ||
      (base->tags != NULL && !g_strv_equal ((const char * const *)base->tags,
                                            (const char * const *)changed->tags)))
    byline_metadata_set_tags (self, (const char * const *)changed->tags);

  if (!json_object_equal0 (base->cover_blob, changed->cover_blob))
    byline_metadata_set_cover_blob (self, changed->cover_blob);

  if (!json_object_equal0 (base->record_fields, changed->record_fields))
    byline_metadata_set_record_fields (self, changed->record_fields);

  /* Unknown keys the panel edits (contributors): taken one key at a time. */
  for (guint i = 0; i + 1 < changed->extra->len; i += 2)
    {
      const BylineYamlNode *name = g_ptr_array_index (changed->extra, i);
      const BylineYamlNode *value = g_ptr_array_index (changed->extra, i + 1);
      const BylineYamlNode *old;

      if (name->kind != BYLINE_YAML_SCALAR)
        continue;
      old = _byline_metadata_get_extra_node (base, name->value);
      if (old == NULL || !_byline_yaml_node_equal (old, value))
        _byline_metadata_set_extra_node (self, name->value, _byline_yaml_node_copy (value));
    }
  for (guint i = 0; i + 1 < base->extra->len; i += 2)
    {
      const BylineYamlNode *name = g_ptr_array_index (base->extra, i);

      if (name->kind == BYLINE_YAML_SCALAR &&
          _byline_metadata_get_extra_node (changed, name->value) == NULL)
        _byline_metadata_set_extra_node (self, name->value, NULL);
    }
}
