/* byline-renderer.h
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

#include <gio/gio.h>

#include "byline-metadata.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_RENDERER      (byline_renderer_get_type ())
#define BYLINE_TYPE_RENDER_RESULT (byline_render_result_get_type ())

typedef struct _BylineRenderResult BylineRenderResult;

G_DECLARE_FINAL_TYPE (BylineRenderer, byline_renderer, BYLINE, RENDERER, GObject)

GType               byline_render_result_get_type       (void) G_GNUC_CONST;
BylineRenderResult *byline_render_result_ref            (BylineRenderResult   *self);
void                byline_render_result_unref          (BylineRenderResult   *self);
void                byline_render_result_release        (BylineRenderResult   *self);
guint               byline_render_result_get_n_blocks   (BylineRenderResult   *self);
const char         *byline_render_result_get_block_html (BylineRenderResult   *self,
                                                         guint                 index,
                                                         guint                *start_line,
                                                         guint                *end_line);
guint               byline_render_result_get_n_headings (BylineRenderResult   *self);
const char         *byline_render_result_get_heading    (BylineRenderResult   *self,
                                                         guint                 index,
                                                         guint                *level,
                                                         guint                *line);
BylineMetadata     *byline_render_result_get_metadata   (BylineRenderResult   *self);
const GError       *byline_render_result_get_error      (BylineRenderResult   *self);
char               *byline_render_result_to_json        (BylineRenderResult   *self);
char               *byline_render_result_diff           (BylineRenderResult   *previous,
                                                         BylineRenderResult   *current);
gboolean            byline_render_result_get_patch      (BylineRenderResult   *self,
                                                         BylineRenderResult   *shown,
                                                         GVariant            **patch);
char               *byline_render_result_to_html        (BylineRenderResult   *self);
gboolean            byline_render_result_is_partial     (BylineRenderResult   *self);
gboolean            byline_render_result_is_provisional (BylineRenderResult   *self);

BylineRenderer     *byline_renderer_new                 (void);
BylineRenderResult *byline_renderer_render              (BylineRenderer       *self,
                                                         const char           *text,
                                                         gsize                 length);
BylineRenderResult *byline_renderer_render_bytes        (BylineRenderer       *self,
                                                         BylineRenderResult   *previous,
                                                         GBytes               *text);
void                byline_renderer_render_async        (BylineRenderer       *self,
                                                         GBytes               *text,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
BylineRenderResult *byline_renderer_render_finish       (BylineRenderer       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineRenderResult, byline_render_result_unref)

G_END_DECLS
