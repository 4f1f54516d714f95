/* byline-publication-verify.h
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

/**
 * BylineVerifyState:
 * @BYLINE_VERIFY_IN_PLACE: the site serves what it should
 * @BYLINE_VERIFY_MISSING: the file or the page is not there, or the page has no link tag
 * @BYLINE_VERIFY_WRONG_RECORD: it names another record
 * @BYLINE_VERIFY_REDIRECT: the address sends elsewhere instead of answering
 * @BYLINE_VERIFY_TLS_ERROR: the site's certificate is not trusted
 * @BYLINE_VERIFY_FAILED: the site could not be reached, or answered with an error
 *
 * Whether a proof of the publication is in place on its site.
 */
typedef enum
{
  BYLINE_VERIFY_IN_PLACE,
  BYLINE_VERIFY_MISSING,
  BYLINE_VERIFY_WRONG_RECORD,
  BYLINE_VERIFY_REDIRECT,
  BYLINE_VERIFY_TLS_ERROR,
  BYLINE_VERIFY_FAILED,
} BylineVerifyState;

/**
 * BylineVerifyResult:
 * @url: the address fetched
 * @document_uri: (nullable): the document whose link tag was looked for, or %NULL for the
 *   publication's well-known file
 * @expected: the exact text that should be there: the file's body or the tag
 * @state: a #BylineVerifyState
 * @message: why, in a sentence for people
 *
 * One proof, checked.
 */
typedef struct
{
  char              *url;
  char              *document_uri;
  char              *expected;
  BylineVerifyState  state;
  char              *message;
} BylineVerifyResult;

void        byline_verify_result_free          (BylineVerifyResult *result);
GPtrArray  *byline_publication_verify_targets  (const char         *url,
                                                const char         *uri,
                                                JsonArray          *documents);
char       *byline_publication_find_link       (const char         *html,
                                                gssize              length);
void        byline_publication_verify_async    (const char         *url,
                                                const char         *uri,
                                                JsonArray          *documents,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
GPtrArray  *byline_publication_verify_finish   (GAsyncResult       *result,
                                                GError            **error);

G_END_DECLS
