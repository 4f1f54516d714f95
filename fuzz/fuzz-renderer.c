/* fuzz-renderer.c
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

/*
 * libFuzzer harness for the Markdown renderer, which also reads the front matter: a whole
 * render, its HTML and JSON, then an incremental render of the same text edited. For text the
 * editor can hold, that must show what a whole render of the edited text shows (once a
 * provisional result, which leaves links elsewhere for later, is followed by its next render,
 * as the preview does).
 */

#include <glib.h>
#include <stdlib.h>

#include "byline-renderer.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static BylineRenderer *renderer;
  g_autoptr(BylineRenderResult) first = NULL;
  g_autoptr(BylineRenderResult) second = NULL;
  g_autoptr(BylineRenderResult) whole = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GBytes) edited = NULL;
  g_autofree char *html = NULL;
  g_autofree char *json = NULL;
  g_autofree char *diff = NULL;
  g_autofree char *second_json = NULL;
  g_autofree char *whole_json = NULL;

  if (renderer == NULL)
    renderer = byline_renderer_new ();

  text = g_bytes_new (data, size);
  first = byline_renderer_render_bytes (renderer, NULL, text);
  html = byline_render_result_to_html (first);
  json = byline_render_result_to_json (first);

  /* The editor's text is valid UTF-8; what goes to the page must be too, even where
   * cmark-gfm cuts a character in two. */
  if (g_utf8_validate_len ((const char *)data, size, NULL) &&
      (!g_utf8_validate (html, -1, NULL) || !g_utf8_validate (json, -1, NULL)))
    abort ();

  /* The same text with its second half dropped: an edit the incremental path must follow. */
  edited = g_bytes_new (data, size / 2);
  second = byline_renderer_render_bytes (renderer, first, edited);
  diff = byline_render_result_diff (first, second);
  if (byline_render_result_is_provisional (second))
    {
      BylineRenderResult *final = byline_renderer_render_bytes (renderer, second, edited);

      byline_render_result_unref (second);
      second = final;
    }

  /* What the editor can hold: valid UTF-8, without NUL (cmark-gfm reads invalid bytes and NULs
   * in ways that depend on what surrounds them). */
  if (g_utf8_validate_len ((const char *)data, size / 2, NULL))
    {
      whole = byline_renderer_render_bytes (renderer, NULL, edited);
      second_json = byline_render_result_to_json (second);
      whole_json = byline_render_result_to_json (whole);
      if (g_strcmp0 (second_json, whole_json) != 0)
        abort ();
    }

  return 0;
}
