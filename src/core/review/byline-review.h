/* byline-review.h
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

#include <glib.h>

G_BEGIN_DECLS

#define BYLINE_REVIEW_ERROR (byline_review_error_quark ())

/**
 * BylineReviewError:
 * @BYLINE_REVIEW_ERROR_UNRESOLVED: the article has suggestions or comments left
 */
typedef enum
{
  BYLINE_REVIEW_ERROR_UNRESOLVED,
} BylineReviewError;

/* Suggestions and comments in the draft, in CriticMarkup: {++added++}, {--deleted--},
 * {~~old~>new~~}, {==highlighted==} and {>>comment<<}. */

typedef enum
{
  BYLINE_REVIEW_ADDITION,
  BYLINE_REVIEW_DELETION,
  BYLINE_REVIEW_SUBSTITUTION,
  BYLINE_REVIEW_HIGHLIGHT,
  BYLINE_REVIEW_COMMENT,
} BylineReviewKind;

/* A mark, as byte offsets into the text. [start, end) is the whole mark with its delimiters
 * and the comment attached to it, if any. [content_start, content_end) is what lies between the
 * delimiters: the added, deleted, highlighted or commented text, or a substitution's old text,
 * whose new text is [new_start, new_end). A comment that follows a change or a highlight
 * directly belongs to it: [comment_start, comment_end) is the comment's text, without the
 * author, and [author_start, author_end) the name before its first colon (the `{>>name: …<<}`
 * convention); both are empty when absent. A lone comment has its text in both the content
 * and the comment ranges. `line` is the line (from 1) where the mark starts. */
typedef struct
{
  BylineReviewKind kind;
  guint            line;
  gsize            start;
  gsize            end;
  gsize            content_start;
  gsize            content_end;
  gsize            new_start;
  gsize            new_end;
  gsize            comment_start;
  gsize            comment_end;
  gsize            author_start;
  gsize            author_end;
} BylineReviewMark;

GQuark      byline_review_error_quark     (void);
gboolean    byline_review_check           (const char             *text,
                                           gsize                   length,
                                           GError                **error);
GArray     *byline_review_parse           (const char             *text,
                                           gsize                   length);
GArray     *byline_review_parse_body      (const char             *text,
                                           gsize                   length);
guint       byline_review_count           (const char             *text,
                                           gsize                   length,
                                           char                  **lines);
char       *byline_review_resolution      (const char             *text,
                                           const BylineReviewMark *mark,
                                           gboolean                accept);
char       *byline_review_resolve_all     (const char             *text,
                                           gsize                   length,
                                           gboolean                accept);
char       *byline_review_suggestion      (BylineReviewKind        kind,
                                           const char             *old_text,
                                           const char             *new_text,
                                           const char             *author);

G_END_DECLS
