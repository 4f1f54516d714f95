/* byline-metadata.h
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

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * BylineMetadataField:
 * @BYLINE_METADATA_FIELD_TITLE: `title`
 * @BYLINE_METADATA_FIELD_DESCRIPTION: `description`
 * @BYLINE_METADATA_FIELD_SITE: `site`
 * @BYLINE_METADATA_FIELD_PATH: `path`
 * @BYLINE_METADATA_FIELD_COVER_IMAGE: `coverImage` as a path relative to the article
 * @BYLINE_METADATA_FIELD_PUBLISHED_AT: `publishedAt`
 * @BYLINE_METADATA_FIELD_UPDATED_AT: `updatedAt`
 * @BYLINE_METADATA_FIELD_BSKY_POST_URI: `bskyPostRef.uri`
 * @BYLINE_METADATA_FIELD_BSKY_POST_CID: `bskyPostRef.cid`
 * @BYLINE_METADATA_FIELD_RECORD_URI: `atUri`, the AT-URI of the published record
 * @BYLINE_METADATA_FIELD_RECORD_CID: `atCid`, the CID of the last published version
 * @BYLINE_METADATA_FIELD_CONTENT_FORMAT: `contentFormat`, what the record's `content` is
 *   written as: `markdown` (the default), `leaflet` (Leaflet blocks) or `none`
 *
 * The string fields of [class@Metadata].
 */
typedef enum
{
  BYLINE_METADATA_FIELD_TITLE,
  BYLINE_METADATA_FIELD_DESCRIPTION,
  BYLINE_METADATA_FIELD_SITE,
  BYLINE_METADATA_FIELD_PATH,
  BYLINE_METADATA_FIELD_COVER_IMAGE,
  BYLINE_METADATA_FIELD_PUBLISHED_AT,
  BYLINE_METADATA_FIELD_UPDATED_AT,
  BYLINE_METADATA_FIELD_BSKY_POST_URI,
  BYLINE_METADATA_FIELD_BSKY_POST_CID,
  BYLINE_METADATA_FIELD_RECORD_URI,
  BYLINE_METADATA_FIELD_RECORD_CID,
  BYLINE_METADATA_FIELD_CONTENT_FORMAT,
  BYLINE_METADATA_N_FIELDS
} BylineMetadataField;

#define BYLINE_TYPE_METADATA (byline_metadata_get_type ())

G_DECLARE_FINAL_TYPE (BylineMetadata, byline_metadata, BYLINE, METADATA, GObject)

BylineMetadata     *byline_metadata_new               (void);
BylineMetadata     *byline_metadata_copy              (BylineMetadata      *self);
gboolean            byline_metadata_equal             (BylineMetadata      *self,
                                                       BylineMetadata      *other);
gboolean            byline_metadata_is_empty          (BylineMetadata      *self);
void                byline_metadata_update            (BylineMetadata      *self,
                                                       BylineMetadata      *other);
const char         *byline_metadata_field_get_key     (BylineMetadataField  field);
const char         *byline_metadata_get_string        (BylineMetadata      *self,
                                                       BylineMetadataField  field);
void                byline_metadata_set_string        (BylineMetadata      *self,
                                                       BylineMetadataField  field,
                                                       const char          *value);
const char         *byline_metadata_get_title         (BylineMetadata      *self);
void                byline_metadata_set_title         (BylineMetadata      *self,
                                                       const char          *title);
const char         *byline_metadata_get_description   (BylineMetadata      *self);
void                byline_metadata_set_description   (BylineMetadata      *self,
                                                       const char          *description);
const char         *byline_metadata_get_site          (BylineMetadata      *self);
void                byline_metadata_set_site          (BylineMetadata      *self,
                                                       const char          *site);
const char         *byline_metadata_get_path          (BylineMetadata      *self);
void                byline_metadata_set_path          (BylineMetadata      *self,
                                                       const char          *path);
const char         *byline_metadata_get_cover_image   (BylineMetadata      *self);
void                byline_metadata_set_cover_image   (BylineMetadata      *self,
                                                       const char          *cover_image);
const char         *byline_metadata_get_published_at  (BylineMetadata      *self);
void                byline_metadata_set_published_at  (BylineMetadata      *self,
                                                       const char          *published_at);
const char         *byline_metadata_get_updated_at    (BylineMetadata      *self);
void                byline_metadata_set_updated_at    (BylineMetadata      *self,
                                                       const char          *updated_at);
const char         *byline_metadata_get_bsky_post_uri (BylineMetadata      *self);
void                byline_metadata_set_bsky_post_uri (BylineMetadata      *self,
                                                       const char          *uri);
const char         *byline_metadata_get_bsky_post_cid (BylineMetadata      *self);
void                byline_metadata_set_bsky_post_cid (BylineMetadata      *self,
                                                       const char          *cid);
const char         *byline_metadata_get_record_uri    (BylineMetadata      *self);
void                byline_metadata_set_record_uri    (BylineMetadata      *self,
                                                       const char          *uri);
const char         *byline_metadata_get_record_cid    (BylineMetadata      *self);
void                byline_metadata_set_record_cid    (BylineMetadata      *self,
                                                       const char          *cid);
const char * const *byline_metadata_get_tags          (BylineMetadata      *self);
void                byline_metadata_set_tags          (BylineMetadata      *self,
                                                       const char * const  *tags);
JsonObject         *byline_metadata_get_cover_blob    (BylineMetadata      *self);
void                byline_metadata_set_cover_blob    (BylineMetadata      *self,
                                                       JsonObject          *blob);
JsonObject         *byline_metadata_get_record_fields (BylineMetadata      *self);
void                byline_metadata_set_record_fields (BylineMetadata      *self,
                                                       JsonObject          *fields);
void                byline_metadata_merge_changes     (BylineMetadata      *self,
                                                       BylineMetadata      *base,
                                                       BylineMetadata      *changed);
guint               byline_metadata_get_n_extra_keys  (BylineMetadata      *self);
const char         *byline_metadata_get_extra_key     (BylineMetadata      *self,
                                                       guint                position);
const char         *byline_metadata_get_extra_string  (BylineMetadata      *self,
                                                       const char          *key);

G_END_DECLS
