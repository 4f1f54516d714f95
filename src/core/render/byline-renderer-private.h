/* byline-renderer-private.h
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

#include <cmark-gfm.h>

#include "byline-renderer.h"

G_BEGIN_DECLS

/* Shared by the files that make up the renderer, split by concern. */

/* A top-level block. `html` is a GRefString, shared by the results that keep the block. Its
 * source is the bytes [start_byte, end_byte) of the text: whole lines, the last one with its
 * newline. `open_end` marks blocks that may swallow what follows a blank line (lists, indented
 * code), after which an incremental render may not start. */
typedef struct
{
  char     *html;
  guint     start_line;
  guint     end_line;
  gsize     start_byte;
  gsize     end_byte;
  gboolean  open_end;
  guint     heading_level;
  char     *heading_text;
} Block;

struct _BylineRenderResult
{
  gatomicrefcount  ref_count;
  GArray          *blocks;
  GArray          *headings;
  BylineMetadata  *metadata;
  GError          *error;

  /* What an incremental render needs from the previous result */
  GBytes          *text;
  char            *definitions;
  gsize            body_offset;
  guint            line_offset;
  guint            has_footnotes : 1;
  guint            nested_definitions : 1;
  guint            partial : 1;
  guint            provisional : 1;
  guint            lone_cr : 1;

  /* The difference from the result rendered before it, prepared by the worker */
  guint64          serial;
  guint64          patch_base;
  GVariant        *patch;
  guint            has_patch : 1;
};

BylineRenderResult *_byline_render_result_new       (void);
void                _byline_render_result_prepare_patch (BylineRenderResult *self,
                                                         BylineRenderResult *previous);

char               *_byline_renderer_leaflet_card   (const char          *json);
void                _byline_renderer_lock_parsing   (void);
void                _byline_renderer_unlock_parsing (void);
guint               _byline_renderer_count_lines    (const char          *text,
                                                     gsize                length);
gboolean            _byline_renderer_has_lone_cr    (const char          *text,
                                                     gsize                length,
                                                     gsize                from,
                                                     gsize                to);
const char         *_byline_renderer_find           (const char          *text,
                                                     gsize                length,
                                                     const char          *needle);
gboolean            _byline_renderer_contains       (const char          *text,
                                                     gsize                length,
                                                     const char          *needle);
void                _byline_renderer_collect_definitions (GString     *definitions,
                                                          const char  *text,
                                                          gsize        length);
gboolean            _byline_renderer_node_may_define (cmark_node  *node,
                                                      const char  *text,
                                                      gsize        length,
                                                      const char  *html);
void                _byline_renderer_parse_blocks   (BylineRenderResult  *result,
                                                     const char          *text,
                                                     gsize                length,
                                                     gint                 line_base,
                                                     gssize               byte_base,
                                                     GString            **footnotes,
                                                     Block               *footnotes_block,
                                                     GString             *definitions,
                                                     gboolean            *nested_definitions);
char               *_byline_renderer_render_header  (BylineMetadata      *metadata);

/* Finds the byte offset where a line starts, moving forward from the last answer. */
typedef struct
{
  const char *text;
  gsize       length;
  gsize       offset;
  guint       line;
} LineCursor;

void                _byline_line_cursor_init        (LineCursor          *cursor,
                                                     const char          *text,
                                                     gsize                length);
gsize               _byline_line_cursor_seek        (LineCursor          *cursor,
                                                     guint                line);
void                _byline_renderer_place_block    (cmark_node          *node,
                                                     guint               *corrected_start,
                                                     guint               *start,
                                                     guint               *end);
gsize               _byline_renderer_end_before_blank_lines (const char  *text,
                                                             gsize        start_offset,
                                                             gsize        end_offset,
                                                             guint        start,
                                                             guint       *end);
char               *_byline_renderer_review_mask    (const char          *text,
                                                     gsize                length);
void                _byline_renderer_review_unmask  (char                *text);
char               *_byline_renderer_review_html    (const char          *html);
BylineRenderResult *_byline_renderer_render_partial (BylineRenderResult  *previous,
                                                     GBytes              *bytes);

G_END_DECLS
