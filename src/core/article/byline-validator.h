/* byline-validator.h
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
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The limits of site.standard.document and of a PDS. */
#define BYLINE_TITLE_MAX_BYTES            5000
#define BYLINE_TITLE_MAX_GRAPHEMES        500
#define BYLINE_DESCRIPTION_MAX_BYTES      30000
#define BYLINE_DESCRIPTION_MAX_GRAPHEMES  3000
#define BYLINE_TAG_MAX_BYTES              1280
#define BYLINE_TAG_MAX_GRAPHEMES          128
#define BYLINE_COVER_MAX_BYTES            1000000
#define BYLINE_RECORD_MAX_BYTES           1000000

#define BYLINE_TYPE_PROBLEM (byline_problem_get_type ())

/**
 * BylineProblemSeverity:
 * @BYLINE_PROBLEM_WARNING: the record can be written, but something looks wrong
 * @BYLINE_PROBLEM_ERROR: the record is invalid and is not written
 */
typedef enum
{
  BYLINE_PROBLEM_WARNING,
  BYLINE_PROBLEM_ERROR,
} BylineProblemSeverity;

/**
 * BylineProblem:
 * @field: the front-matter key at fault (`title`, `tags`, `coverImage`,
 *   `bskyPostRef.uri`, …), `record` for the record as a whole, or `body`
 * @index: the position in a list field (`tags`), or -1
 * @severity: a #BylineProblemSeverity
 * @message: a sentence for people, naming the limit and the value's size
 *
 * One problem found by validation, so that the GUI can list it and focus the field.
 */
typedef struct
{
  char                  *field;
  int                    index;
  BylineProblemSeverity  severity;
  char                  *message;
} BylineProblem;

GType          byline_problem_get_type             (void) G_GNUC_CONST;
BylineProblem *byline_problem_new                  (const char             *field,
                                                    int                     index,
                                                    BylineProblemSeverity   severity,
                                                    const char             *message);
BylineProblem *byline_problem_copy                 (const BylineProblem    *problem);
void           byline_problem_free                 (BylineProblem          *problem);
char          *byline_problem_to_string            (const BylineProblem    *problem);
gboolean       byline_problems_have_errors         (GPtrArray              *problems);

gsize          byline_validator_count_graphemes    (const char             *text,
                                                    gssize                  length);
gboolean       byline_validator_is_datetime        (const char             *value);
char          *byline_validator_normalize_datetime (const char             *value);
gboolean       byline_validator_check_string       (GPtrArray              *problems,
                                                    const char             *field,
                                                    int                     index,
                                                    const char             *value,
                                                    gsize                   max_bytes,
                                                    gsize                   max_graphemes);
gboolean       byline_validator_check_value        (GPtrArray              *problems,
                                                    const char             *field,
                                                    int                     index,
                                                    const char             *value);
GFile         *byline_validator_resolve_cover      (GPtrArray              *problems,
                                                    const char             *name,
                                                    GFile                  *base_dir);
char          *byline_validator_check_cover        (GPtrArray              *problems,
                                                    const char             *name,
                                                    GBytes                 *bytes);
void           byline_validator_check_record       (GPtrArray              *problems,
                                                    JsonObject             *record,
                                                    gsize                   json_length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineProblem, byline_problem_free)

G_END_DECLS
