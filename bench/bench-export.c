/* bench-export.c
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

/* Median time of a full record export (front matter, validation, plain text,
 * JSON) of each corpus document next to cmark-gfm alone rendering it to HTML,
 * in the same run. Usage: bench-export [CORPUS_DIR] [RUNS] [DOCUMENT…] */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "byline-record.h"

static const char * const extension_names[] = {
  "table", "strikethrough", "autolink", "tagfilter", "tasklist",
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static char *
render_html (const char *markdown,
             gsize       length)
{
  cmark_parser *parser = cmark_parser_new (CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES);
  cmark_node *document;
  char *html;

  for (guint i = 0; i < G_N_ELEMENTS (extension_names); i++)
    cmark_parser_attach_syntax_extension (parser, cmark_find_syntax_extension (extension_names[i]));
  cmark_parser_feed (parser, markdown, length);
  document = cmark_parser_finish (parser);
  html = cmark_render_html (document, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions (parser));
  cmark_node_free (document);
  cmark_parser_free (parser);

  return html;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const default_names[] = { "10k.md", "100k.md", "1m.md", "5m.md", NULL };
  const char * const *names = argc > 3 ? (const char * const *)argv + 3 : default_names;
  const char *shared = g_getenv ("BYLINE_SHARED_DIR");
  g_autofree char *dir = NULL;
  guint runs = argc > 2 ? (guint)atoi (argv[2]) : 9;

  if (argc > 1)
    dir = g_strdup (argv[1]);
  else
    dir = g_build_filename (shared ? shared : "../shared", "corpus", NULL);

  if (runs == 0)
    runs = 1;

  cmark_gfm_core_extensions_ensure_registered ();

  g_print ("%-8s %10s %12s %12s %7s %s\n", "doc", "bytes", "html ms", "export ms", "ratio", "record");

  for (guint d = 0; names[d] != NULL; d++)
    {
      g_autofree char *path = g_build_filename (dir, names[d], NULL);
      g_autofree char *body = NULL;
      g_autofree char *article = NULL;
      g_autofree double *html_times = g_new (double, runs);
      g_autofree double *export_times = g_new (double, runs);
      g_autoptr(GError) error = NULL;
      const char *outcome = "written";
      gsize length;
      double html_ms, export_ms;

      if (!g_file_get_contents (path, &body, &length, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      article = g_strconcat ("---\ntitle: Benchmark article\nsite: https://example.com\n"
                             "publishedAt: 2026-03-05T20:30:00Z\n---\n", body, NULL);
      length = strlen (article);

      for (guint r = 0; r < runs; r++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autofree char *html = render_html (body, strlen (body));
          g_autoptr(GPtrArray) problems = NULL;
          g_autoptr(GError) export_error = NULL;
          g_autofree char *json = NULL;

          html_times[r] = (g_get_monotonic_time () - start) / 1000.0;

          start = g_get_monotonic_time ();
          json = byline_record_export (article, length, NULL, BYLINE_RECORD_EXPORT_DEFAULT,
                                       &problems, NULL, &export_error);
          export_times[r] = (g_get_monotonic_time () - start) / 1000.0;

          if (json == NULL)
            outcome = "refused (over a limit)";
        }

      html_ms = median (html_times, runs);
      export_ms = median (export_times, runs);
      g_print ("%-8s %10zu %12.2f %12.2f %6.2fx %s\n",
               names[d], strlen (body), html_ms, export_ms, export_ms / html_ms, outcome);
    }

  return 0;
}
