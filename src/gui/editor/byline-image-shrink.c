/* byline-image-shrink.c
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

#define G_LOG_DOMAIN "byline-image-shrink"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "byline-image-shrink.h"

/*
 * Shrinking an image under a size limit, for an upload: a re-encoded, scaled-down copy is
 * written beside it (the original is never touched), as STEM-SUFFIX.jpg, or .png for an image
 * with transparency. Loading and encoding happen in a worker.
 */

typedef struct
{
  GFile *source;
  GFile *directory;
  char  *suffix;
  gsize  max_bytes;
} Shrink;

static void
shrink_free (Shrink *shrink)
{
  g_clear_object (&shrink->source);
  g_clear_object (&shrink->directory);
  g_free (shrink->suffix);
  g_free (shrink);
}

static GBytes *
encode (GdkPixbuf   *pixbuf,
        const char  *format,
        GError     **error)
{
  g_autofree char *buffer = NULL;
  gsize length = 0;
  gboolean ok;

  if (g_str_equal (format, "jpeg"))
    ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "jpeg", error, "quality", "85", NULL);
  else
    ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", error, NULL);

  return ok ? g_bytes_new_take (g_steal_pointer (&buffer), length) : NULL;
}

static GFile *
create_unique (GFile        *directory,
               const char   *stem,
               const char   *suffix,
               const char   *extension,
               GFileOutputStream **stream,
               GError      **error)
{
  for (guint i = 1; i < 1000; i++)
    {
      g_autofree char *name = i == 1 ? g_strdup_printf ("%s-%s.%s", stem, suffix, extension)
                                     : g_strdup_printf ("%s-%s-%u.%s", stem, suffix, i, extension);
      g_autoptr(GFile) file = g_file_get_child (directory, name);
      g_autoptr(GError) local_error = NULL;

      /* Create, never replace: an existing file is the writer's. */
      if ((*stream = g_file_create (file, G_FILE_CREATE_NONE, NULL, &local_error)))
        return g_steal_pointer (&file);

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("Could not find a free file name"));
  return NULL;
}

static void
shrink_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Shrink *shrink = task_data;
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GdkPixbuf) original = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (shrink->source);
  g_autofree char *basename = g_file_get_basename (shrink->source);
  const char *format;
  char *dot;
  double scale = 1.0;
  int width, height;

  if (!(loaded = gdk_pixbuf_new_from_file (path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Photos from cameras are stored sideways with an orientation tag. */
  original = gdk_pixbuf_apply_embedded_orientation (loaded);
  width = gdk_pixbuf_get_width (original);
  height = gdk_pixbuf_get_height (original);
  /* Transparency needs PNG; everything else shrinks best as JPEG. */
  format = gdk_pixbuf_get_has_alpha (original) ? "png" : "jpeg";

  for (guint attempt = 0; attempt < 16; attempt++)
    {
      g_autoptr(GdkPixbuf) scaled = NULL;
      int w = MAX (1, (int)round (width * scale));
      int h = MAX (1, (int)round ((double)w * height / width));

      if (g_task_return_error_if_cancelled (task))
        return;

      scaled = scale < 1.0 ? gdk_pixbuf_scale_simple (original, w, h, GDK_INTERP_HYPER)
                           : g_object_ref (original);
      g_clear_pointer (&bytes, g_bytes_unref);
      if (!(bytes = encode (scaled, format, &error)))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (g_bytes_get_size (bytes) <= shrink->max_bytes)
        break;

      /* Bytes grow with the pixel count: aim a little under the limit. */
      scale *= MIN (0.9, sqrt (0.9 * shrink->max_bytes / g_bytes_get_size (bytes)));
      g_clear_pointer (&bytes, g_bytes_unref);
    }

  if (bytes == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The image could not be made small enough"));
      return;
    }

  if ((dot = strrchr (basename, '.')) != NULL && dot != basename)
    *dot = 0;

  if (!(target = create_unique (shrink->directory, basename, shrink->suffix,
                                g_str_equal (format, "png") ? "png" : "jpg", &stream, &error)) ||
      !g_output_stream_write_all (G_OUTPUT_STREAM (stream), g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), NULL, NULL, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&target), g_object_unref);
}

/**
 * byline_image_shrink_async:
 * @source: the image
 * @directory: where the copy goes
 * @suffix: what the copy's name adds to the image's (`cover`, `small`)
 * @max_bytes: the size the copy must not exceed
 * @cancellable: (nullable): a cancellable
 * @callback: called with the copy
 * @user_data: data for @callback
 *
 * Writes a scaled-down, re-encoded copy of @source of at most @max_bytes into @directory,
 * under a name no file has yet.
 */
void
byline_image_shrink_async (GFile               *source,
                           GFile               *directory,
                           const char          *suffix,
                           gsize                max_bytes,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Shrink *shrink;

  g_return_if_fail (G_IS_FILE (source));
  g_return_if_fail (G_IS_FILE (directory));
  g_return_if_fail (suffix != NULL);

  shrink = g_new0 (Shrink, 1);
  shrink->source = g_object_ref (source);
  shrink->directory = g_object_ref (directory);
  shrink->suffix = g_strdup (suffix);
  shrink->max_bytes = max_bytes;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_image_shrink_async);
  g_task_set_task_data (task, shrink, (GDestroyNotify)shrink_free);
  g_task_run_in_thread (task, shrink_thread);
}

/**
 * byline_image_shrink_finish:
 *
 * Returns: (transfer full): the copy
 */
GFile *
byline_image_shrink_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
