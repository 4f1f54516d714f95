/* byline-front-matter-writer.c
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

#include <yaml.h>

#include "byline-front-matter-private.h"
#include "byline-metadata-private.h"
#include "byline-yaml-private.h"

/*
 * Writing the front matter back with libyaml's emitter, and putting it in front of an
 * article's body.
 */


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

  if (!emit_string (emitter, metadata, BYLINE_METADATA_FIELD_CONTENT_FORMAT) ||
      !emit_string (emitter, metadata, BYLINE_METADATA_FIELD_RECORD_URI) ||
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
 * coverImage, bskyPostRef, contentFormat, atUri, atCid, recordFields), each under the alias it
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
 * Makes the front-matter block of @text hold @metadata. An existing block is edited in
 * place: only the keys whose values differ are written, and comments, blank lines, key
 * order, quoting, list styles and line ends stay as they were. A block that cannot be
 * edited in place (a flow mapping, YAML that does not parse) is written again whole.
 *
 * Returns: (transfer full): @text with its front-matter block (if any) made to hold
 *   @metadata, the body untouched
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

  /* The writer's front matter is theirs: only the keys that change are touched. */
  if (byline_front_matter_find (text, len, &body))
    {
      char *edited = _byline_front_matter_edit (text, len, metadata);

      if (edited != NULL)
        return edited;
    }

  block = byline_front_matter_serialize (metadata);

  /* New lines end as the file's lines do. */
  {
    const char *nl = memchr (text, '\n', len);

    if (nl != NULL && nl > text && nl[-1] == '\r')
      {
        g_autoptr(GString) crlf = g_string_new (block);

        g_string_replace (crlf, "\n", "\r\n", 0);
        g_free (block);
        block = g_string_free (g_steal_pointer (&crlf), FALSE);
      }
  }

  out = g_string_sized_new (strlen (block) + len - body + 1);
  g_string_append (out, block);
  /* Without a block, a body that opens with a "---" line would be read as the front matter
   * next time: keep an empty block in front of it. */
  if (block[0] == '\0' && byline_front_matter_find (text + body, len - body, NULL))
    g_string_append (out, "---\n---\n");
  g_string_append_len (out, text + body, len - body);

  return g_string_free (out, FALSE);
}
