/* byline-document.h
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

#include <gtksourceview/gtksource.h>

#include "byline-metadata.h"
#include "byline-text-mirror.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_DOCUMENT (byline_document_get_type ())

G_DECLARE_FINAL_TYPE (BylineDocument, byline_document, BYLINE, DOCUMENT, GtkSourceBuffer)

BylineDocument *byline_document_new                 (void);
GFile          *byline_document_get_file            (BylineDocument       *self);
char           *byline_document_dup_title           (BylineDocument       *self);
BylineMetadata *byline_document_get_metadata        (BylineDocument       *self);
const char     *byline_document_get_front_matter_error
                                                    (BylineDocument       *self);
GBytes         *byline_document_dup_text            (BylineDocument       *self);
void            byline_document_set_title_field     (BylineDocument       *self,
                                                     const char           *title);
gboolean        byline_document_set_front_matter    (BylineDocument       *self,
                                                     BylineMetadata       *metadata,
                                                     GError              **error);
void            byline_document_set_field           (BylineDocument       *self,
                                                     BylineMetadataField   field,
                                                     const char           *value);
void            byline_document_set_tags            (BylineDocument       *self,
                                                     const char * const   *tags);
void            byline_document_load_async          (BylineDocument       *self,
                                                     GFile                *file,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        byline_document_load_finish         (BylineDocument       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            byline_document_save_async          (BylineDocument       *self,
                                                     GFile                *file,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        byline_document_save_finish         (BylineDocument       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
GtkSourceFile  *byline_document_get_source_file     (BylineDocument       *self);
const GtkSourceEncoding *
                byline_document_get_encoding        (BylineDocument       *self);
const char     *byline_document_get_draft_id        (BylineDocument       *self);
void            byline_document_set_draft_id        (BylineDocument       *self,
                                                     const char           *draft_id);
gboolean        byline_document_get_draft_restored  (BylineDocument       *self);
void            byline_document_set_draft_restored  (BylineDocument       *self,
                                                     gboolean              restored);
void            byline_document_lose_file           (BylineDocument       *self,
                                                     const char           *message);
const char     *byline_document_get_lost_file       (BylineDocument       *self);
void            byline_document_save_draft_async    (BylineDocument       *self,
                                                     GFile                *draft,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        byline_document_save_draft_finish   (BylineDocument       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            _byline_document_set_text_mirror    (BylineDocument       *self,
                                                     BylineTextMirror     *mirror);
void            _byline_document_apply_render       (BylineDocument       *self,
                                                     BylineMetadata       *metadata,
                                                     const GError         *error);
GtkSourceLanguage *
                byline_document_get_markdown        (void);

G_END_DECLS
