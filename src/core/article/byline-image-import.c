/* byline-image-import.c
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


#define G_LOG_DOMAIN "byline-image-import"

#include "config.h"

#include <string.h>

#include "byline-image-import.h"

/*
 * Images dropped or pasted into an article are copied beside it, into an `images/` folder, so
 * the article and its images travel together and the Markdown refers to them by a relative
 * path. A copy never replaces a file: the name gets a number until it is free, and the file is
 * created exclusively, so two imports at once cannot pick the same name. The copy runs in a
 * worker thread.
 */

#define MAX_ATTEMPTS 10000

/**
 * byline_image_import_is_image:
 * @name: (nullable): a file name, for its extension
 * @data: (nullable): the first bytes of the file
 * @data_len: length of @data
 *
 * Returns: whether the name and content say the file is an image
 */
gboolean
byline_image_import_is_image (const char   *name,
                              const guchar *data,
                              gsize         data_len)
{
  g_autofree char *type = NULL;
  g_autofree char *mime = NULL;

  type = g_content_type_guess (name, data, data_len, NULL);
  mime = g_content_type_get_mime_type (type);

  return mime != NULL && g_str_has_prefix (mime, "image/");
}

/**
 * byline_image_import_file_name:
 * @name: a file name or path
 *
 * The name the copy gets: the base name with every character that would need escaping in a
 * Markdown link (white space, brackets, parentheses, quotes...) replaced by `-`.
 *
 * Returns: (transfer full): a file name, never empty
 */
char *
byline_image_import_file_name (const char *name)
{
  g_autofree char *base = g_path_get_basename (name != NULL ? name : "");
  GString *out = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = base; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c != (gunichar)-1 && c != (gunichar)-2 &&
          (g_unichar_isalnum (c) || c == '.' || c == '_' || c == '-'))
        {
          if (dash && out->len > 0)
            g_string_append_c (out, '-');
          dash = FALSE;
          g_string_append_unichar (out, c);
        }
      else
        dash = TRUE;

      if (c == (gunichar)-1 || c == (gunichar)-2)
        break;
    }

  /* No hidden files, no "." or "..". */
  while (out->len > 0 && out->str[0] == '.')
    g_string_erase (out, 0, 1);
  if (out->len == 0 || out->str[0] == '.')
    g_string_assign (out, "image");

  return g_string_free (out, FALSE);
}

/**
 * byline_image_import_alt_text:
 * @name: a file name or path
 *
 * A description from the file name, for the image's alt text: `my-photo_2.jpg` gives
 * `my photo 2`.
 *
 * Returns: (transfer full): the alt text, possibly empty
 */
char *
byline_image_import_alt_text (const char *name)
{
  g_autofree char *base = g_path_get_basename (name != NULL ? name : "");
  char *dot = strrchr (base, '.');
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  if (dot != NULL && dot != base)
    *dot = '\0';

  for (const char *p = base; *p != '\0'; p++)
    {
      if (*p == '-' || *p == '_' || *p == '.' || g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }

  if (!g_utf8_validate (out->str, out->len, NULL))
    g_string_truncate (out, 0);

  return g_string_free (out, FALSE);
}

/**
 * byline_image_import_markdown:
 * @alt: the alt text
 * @path: the image's path, relative to the article
 *
 * Returns: (transfer full): `![alt](path)`, with brackets in @alt escaped and @path in angle
 *   brackets when it holds characters a link destination cannot
 */
char *
byline_image_import_markdown (const char *alt,
                              const char *path)
{
  GString *out = g_string_new ("![");

  for (const char *p = alt; *p != '\0'; p++)
    {
      if (*p == '[' || *p == ']' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append (out, "](");
  if (strpbrk (path, " \t()<>") != NULL)
    {
      g_string_append_c (out, '<');
      for (const char *p = path; *p != '\0'; p++)
        {
          if (*p == '<' || *p == '>')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '>');
    }
  else
    g_string_append (out, path);
  g_string_append_c (out, ')');

  return g_string_free (out, FALSE);
}

typedef struct
{
  GFile  *folder;
  GFile  *source;
  GBytes *data;
  char   *name;
  /* Into @folder itself, rather than the images folder beside the article in @folder. */
  gboolean elsewhere;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->folder);
  g_clear_object (&job->source);
  g_clear_pointer (&job->data, g_bytes_unref);
  g_free (job->name);
  g_free (job);
}

/* `name.png`, `name-2.png`, `name-3.png`... */
static char *
candidate_name (const char *name,
                guint       attempt)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = NULL;

  if (attempt == 1)
    return g_strdup (name);
  if (dot == NULL || dot == name)
    return g_strdup_printf ("%s-%u", name, attempt);

  stem = g_strndup (name, dot - name);

  return g_strdup_printf ("%s-%u%s", stem, attempt, dot);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GFile) images = job->elsewhere ? g_object_ref (job->folder)
                                           : g_file_get_child (job->folder, BYLINE_IMAGE_FOLDER);
  g_autoptr(GFileOutputStream) output = NULL;
  g_autoptr(GFile) target = NULL;
  g_autofree char *chosen = NULL;
  g_autoptr(GError) error = NULL;
  gboolean written;

  /* An image already beside the article is referred to where it is, not copied again. */
  if (job->source != NULL && !job->elsewhere)
    {
      g_autofree char *relative = g_file_get_relative_path (job->folder, job->source);

      if (relative != NULL)
        {
          g_task_return_pointer (task, g_steal_pointer (&relative), g_free);
          return;
        }
    }

  if (!job->elsewhere &&
      !g_file_make_directory (images, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  for (guint attempt = 1; output == NULL && attempt <= MAX_ATTEMPTS; attempt++)
    {
      g_free (chosen);
      chosen = candidate_name (job->name, attempt);
      g_clear_object (&target);
      target = g_file_get_child (images, chosen);
      output = g_file_create (target, G_FILE_CREATE_NONE, cancellable, &error);
      if (output == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_clear_error (&error);
    }

  if (output == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               "Every name for “%s” in the images folder is taken", job->name);
      return;
    }

  if (job->data != NULL)
    {
      written = g_output_stream_write_all (G_OUTPUT_STREAM (output),
                                           g_bytes_get_data (job->data, NULL),
                                           g_bytes_get_size (job->data), NULL,
                                           cancellable, &error) &&
                g_output_stream_close (G_OUTPUT_STREAM (output), cancellable, &error);
    }
  else
    {
      g_autoptr(GFileInputStream) input = g_file_read (job->source, cancellable, &error);

      written = input != NULL &&
                g_output_stream_splice (G_OUTPUT_STREAM (output), G_INPUT_STREAM (input),
                                        G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                        G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                        cancellable, &error) >= 0;
    }

  if (!written)
    {
      /* No half-written image left behind. */
      g_output_stream_close (G_OUTPUT_STREAM (output), NULL, NULL);
      g_file_delete (target, NULL, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->elsewhere)
    g_task_return_pointer (task, g_object_ref (target), g_object_unref);
  else
    g_task_return_pointer (task, g_strconcat (BYLINE_IMAGE_FOLDER, "/", chosen, NULL), g_free);
}

static void
start_import (GFile               *folder,
              gboolean             elsewhere,
              GFile               *source,
              GBytes              *data,
              const char          *name,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  job = g_new0 (ImportJob, 1);
  job->folder = g_object_ref (folder);
  job->elsewhere = elsewhere;
  job->source = source != NULL ? g_object_ref (source) : NULL;
  job->data = data != NULL ? g_bytes_ref (data) : NULL;
  job->name = byline_image_import_file_name (name);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify)import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * byline_image_import_async:
 * @article_folder: the folder holding the article
 * @source: (nullable): the image file to copy
 * @data: (nullable): the image's bytes, when there is no file (a pasted screenshot)
 * @name: the file name wanted for the copy; made safe with byline_image_import_file_name()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the copy is written
 * @user_data: data for @callback
 *
 * Copies an image into the `images/` folder beside the article, under @name or, when that is
 * taken, the first free `name-N`. Exactly one of @source and @data is given.
 */
void
byline_image_import_async (GFile               *article_folder,
                           GFile               *source,
                           GBytes              *data,
                           const char          *name,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (article_folder));
  g_return_if_fail ((source == NULL) != (data == NULL));
  g_return_if_fail (name != NULL);

  start_import (article_folder, FALSE, source, data, name, cancellable, callback, user_data,
                byline_image_import_async);
}

/**
 * byline_image_import_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the image's path relative to the article, such as
 *   `images/photo-2.png`, or %NULL on error
 */
char *
byline_image_import_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == byline_image_import_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * byline_image_import_elsewhere_async:
 * @folder: the folder to copy the image into, chosen by the writer
 * @source: (nullable): the image file to copy
 * @data: (nullable): the image's bytes, when there is no file
 * @name: the file name wanted for the copy; made safe with byline_image_import_file_name()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the copy is written
 * @user_data: data for @callback
 *
 * Like byline_image_import_async(), but into @folder itself, for when the folder beside the
 * article cannot be written (a read-only disk, or a sandbox that shows Byline the article
 * alone). The copy never replaces a file, and is made even when @source is in @folder already.
 */
void
byline_image_import_elsewhere_async (GFile               *folder,
                                     GFile               *source,
                                     GBytes              *data,
                                     const char          *name,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (folder));
  g_return_if_fail ((source == NULL) != (data == NULL));
  g_return_if_fail (name != NULL);

  start_import (folder, TRUE, source, data, name, cancellable, callback, user_data,
                byline_image_import_elsewhere_async);
}

/**
 * byline_image_import_elsewhere_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the copy, or %NULL on error
 */
GFile *
byline_image_import_elsewhere_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        byline_image_import_elsewhere_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * byline_image_import_link:
 * @article_folder: the folder holding the article
 * @image: an image file
 *
 * How the article refers to @image: its path relative to the article when it is in the
 * article's folder or below, otherwise its absolute path, which the preview, the export and
 * publishing resolve as they do a relative one.
 *
 * Returns: (transfer full): the path for the image's Markdown
 */
char *
byline_image_import_link (GFile *article_folder,
                          GFile *image)
{
  char *relative;

  g_return_val_if_fail (G_IS_FILE (article_folder), NULL);
  g_return_val_if_fail (G_IS_FILE (image), NULL);

  if ((relative = g_file_get_relative_path (article_folder, image)) != NULL)
    return relative;

  return g_file_get_path (image);
}
