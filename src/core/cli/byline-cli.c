/* byline-cli.c
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

#define G_LOG_DOMAIN "byline-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "byline-cli.h"
#include "byline-html-export.h"
#include "byline-record.h"
#include "byline-validator.h"

/* The command-line modes: exit 0 on success, 1 when the input is invalid or cannot be
 * read or written. Files are replaced atomically; devices and pipes are written into; without
 * an output path, standard output. */

/**
 * byline_cli_write_file:
 * @file: where the output goes
 * @text: the output
 * @length: the length of @text
 * @error: return location for an error
 *
 * Replaces a regular file atomically (a temporary file renamed into place). Anything else
 * that already exists, such as `/dev/null`, a pipe or a terminal, is written into: it has no
 * folder to hold a temporary file, and renaming over it would replace the device itself.
 *
 * Returns: %TRUE on success
 */
gboolean
byline_cli_write_file (GFile       *file,
                       const char  *text,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  GFileType type;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL);
  if (type != G_FILE_TYPE_SPECIAL)
    return g_file_replace_contents (file, text, length, NULL, FALSE,
                                    G_FILE_CREATE_NONE, NULL, NULL, error);

  if (!(stream = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, error)))
    return FALSE;

  return g_output_stream_write_all (G_OUTPUT_STREAM (stream), text, length, NULL, NULL, error) &&
         g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

static gboolean
read_input (const char  *path,
            char       **contents,
            gsize       *length)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, contents, length, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }

  return TRUE;
}

static int
write_output (const char *output_path,
              const char *text,
              gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if (output_path == NULL)
    {
      fwrite (text, 1, length, stdout);
      return fflush (stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
    }

  file = g_file_new_for_commandline_arg (output_path);
  if (!byline_cli_write_file (file, text, length, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}

static void
print_problems (const char *path,
                GPtrArray  *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      g_autofree char *line = byline_problem_to_string (g_ptr_array_index (problems, i));

      g_printerr ("%s: %s\n", path, line);
    }
}

static char *
export_article (const char               *article_path,
                BylineRecordExportFlags   flags,
                GPtrArray               **problems,
                gsize       *json_length,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (article_path);
  g_autoptr(GFile) base = g_file_get_parent (file);
  g_autofree char *text = NULL;
  gsize length;

  if (!g_file_load_contents (file, NULL, &text, &length, NULL, error))
    return NULL;

  return byline_record_export (text, length, base, flags, problems, json_length, error);
}

/**
 * byline_cli_export:
 * @article_path: the Markdown article
 * @output_path: (nullable): where the record goes, or %NULL for standard output
 * @flags: the content format, if one is chosen over the article's (#BylineRecordExportFlags)
 *
 * Returns: the exit status
 */
int
byline_cli_export (const char              *article_path,
                   const char              *output_path,
                   BylineRecordExportFlags  flags)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gsize length = 0;

  json = export_article (article_path, flags, &problems, &length, &error);
  print_problems (article_path, problems);

  if (json == NULL)
    {
      if (problems == NULL || problems->len == 0)
        g_printerr ("%s: %s\n", article_path, error->message);
      return EXIT_FAILURE;
    }

  if (length == 0)
    length = strlen (json);

  return write_output (output_path, json, length);
}

/**
 * byline_cli_import:
 * @record_path: a `site.standard.document` record in JSON
 * @output_path: (nullable): where the article goes, or %NULL for standard output
 *
 * Returns: the exit status
 */
int
byline_cli_import (const char *record_path,
                   const char *output_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *article = NULL;
  gsize length;

  if (!read_input (record_path, &json, &length))
    return EXIT_FAILURE;

  article = byline_record_import (json, length, &error);
  if (article == NULL)
    {
      g_printerr ("%s: %s\n", record_path, error->message);
      return EXIT_FAILURE;
    }

  return write_output (output_path, article, strlen (article));
}

/**
 * byline_cli_check:
 * @article_path: the Markdown article
 *
 * Prints every problem, one a line, on standard error.
 *
 * Returns: 0 when the article can be exported, 1 otherwise
 */
int
byline_cli_check (const char *article_path)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  json = export_article (article_path, BYLINE_RECORD_EXPORT_DEFAULT, &problems, NULL, &error);
  print_problems (article_path, problems);

  if (json == NULL && (problems == NULL || problems->len == 0))
    g_printerr ("%s: %s\n", article_path, error->message);

  return json != NULL ? EXIT_SUCCESS : EXIT_FAILURE;
}

/**
 * byline_cli_export_html:
 * @article_path: the Markdown article
 * @output_path: (nullable): the page to write; %NULL for standard output
 * @flags: #BylineHtmlExportFlags
 *
 * `byline --export ARTICLE --format html [--output FILE] [--with-suggestions]`.
 *
 * Returns: the exit status: 0 on success, 1 on failure, also when the page is written but a
 *   local image could not be included in it (each is named on standard error)
 */
int
byline_cli_export_html (const char            *article_path,
                        const char            *output_path,
                        BylineHtmlExportFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) article = NULL;
  g_autoptr(GFile) base_dir = NULL;
  g_autoptr(GPtrArray) unembedded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  gsize length;
  int status;

  g_return_val_if_fail (article_path != NULL, 2);

  article = g_file_new_for_commandline_arg (article_path);
  base_dir = g_file_get_parent (article);
  if (!g_file_load_contents (article, NULL, &text, &length, NULL, &error) ||
      !(html = byline_html_export_text_full (text, length, base_dir, flags, NULL, &unembedded,
                                             &error)))
    {
      g_printerr ("%s: %s\n", article_path, error->message);
      return 1;
    }

  status = write_output (output_path, html, strlen (html));

  /* The page is written, but it is not the one file it should be: each image it could not
   * carry is named, and the export fails, so that a script does not publish it as it is. */
  for (guint i = 0; i < unembedded->len; i++)
    /* Translators: the article, then why one of its images is left out of the page */
    g_printerr (_("%s: the page links to an image it could not include: %s\n"), article_path,
                (const char *) g_ptr_array_index (unembedded, i));

  return unembedded->len > 0 ? 1 : status;
}
