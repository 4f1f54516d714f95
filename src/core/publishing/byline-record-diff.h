/* byline-record-diff.h
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

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * BylineRecordChange:
 * @BYLINE_RECORD_CHANGE_NONE: the two versions agree
 * @BYLINE_RECORD_CHANGE_TITLE: `title`
 * @BYLINE_RECORD_CHANGE_DESCRIPTION: `description`
 * @BYLINE_RECORD_CHANGE_SITE: `site`
 * @BYLINE_RECORD_CHANGE_PATH: `path`
 * @BYLINE_RECORD_CHANGE_TAGS: `tags`
 * @BYLINE_RECORD_CHANGE_COVER: `coverImage` (another image, or one on one side only)
 * @BYLINE_RECORD_CHANGE_PUBLISHED_AT: `publishedAt`
 * @BYLINE_RECORD_CHANGE_UPDATED_AT: `updatedAt`, against when the article last published
 * @BYLINE_RECORD_CHANGE_TEXT: the Markdown text
 *
 * What differs between two versions of a `site.standard.document` record.
 */
typedef enum
{
  BYLINE_RECORD_CHANGE_NONE         = 0,
  BYLINE_RECORD_CHANGE_TITLE        = 1 << 0,
  BYLINE_RECORD_CHANGE_DESCRIPTION  = 1 << 1,
  BYLINE_RECORD_CHANGE_SITE         = 1 << 2,
  BYLINE_RECORD_CHANGE_PATH         = 1 << 3,
  BYLINE_RECORD_CHANGE_TAGS         = 1 << 4,
  BYLINE_RECORD_CHANGE_COVER        = 1 << 5,
  BYLINE_RECORD_CHANGE_PUBLISHED_AT = 1 << 6,
  BYLINE_RECORD_CHANGE_UPDATED_AT   = 1 << 7,
  BYLINE_RECORD_CHANGE_TEXT         = 1 << 8,
} BylineRecordChange;

/**
 * BylineWordDiffKind:
 * @BYLINE_WORD_DIFF_SAME: text both versions have
 * @BYLINE_WORD_DIFF_REMOVED: words only the earlier version has
 * @BYLINE_WORD_DIFF_ADDED: words only the later version has
 */
typedef enum
{
  BYLINE_WORD_DIFF_SAME,
  BYLINE_WORD_DIFF_REMOVED,
  BYLINE_WORD_DIFF_ADDED,
} BylineWordDiffKind;

/**
 * BylineWordDiffChunk:
 * @kind: which version has the text
 * @text: the text, spaces included
 */
typedef struct
{
  BylineWordDiffKind  kind;
  char               *text;
} BylineWordDiffChunk;

/**
 * BylineFieldChange:
 * @member: the record's member
 * @ours: (nullable): its value in the article's record, as text
 * @theirs: (nullable): its published value, as text
 */
typedef struct
{
  char *member;
  char *ours;
  char *theirs;
} BylineFieldChange;

void                byline_word_diff_chunk_free (BylineWordDiffChunk *chunk);
GPtrArray          *byline_word_diff            (const char *before,
                                                 const char *after);
void                byline_field_change_free    (BylineFieldChange *change);
GPtrArray          *byline_record_diff_fields   (JsonObject *ours,
                                                 JsonObject *theirs);
char               *byline_record_diff_unified  (JsonObject *ours,
                                                 const char *our_body,
                                                 JsonObject *theirs,
                                                 const char *their_body,
                                                 const char *our_label,
                                                 const char *their_label);
void                byline_word_diff_count      (const char *before,
                                                 const char *after,
                                                 guint      *added,
                                                 guint      *removed);
char               *byline_record_dup_markdown  (JsonObject *record);
BylineRecordChange  byline_record_diff          (JsonObject *ours,
                                                 JsonObject *theirs,
                                                 const char *last_published);
char               *byline_record_diff_describe (JsonObject *ours,
                                                 JsonObject *theirs,
                                                 const char *last_published);

G_END_DECLS
