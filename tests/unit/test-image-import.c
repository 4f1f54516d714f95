/* test-image-import.c
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


/* Images copied beside the article: names, alt text, the Markdown, and copies that never
 * overwrite. */

#include "config.h"

#include <glib/gstdio.h>

#include "byline-image-import.h"
#include "byline-read-problem.h"

static const guchar png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                    0, 0, 0, 13, 'I', 'H', 'D', 'R' };

static void
test_names (void)
{
  struct { const char *in, *file, *alt; } cases[] = {
    { "/home/me/Pictures/my-photo.jpg", "my-photo.jpg", "my photo" },
    { "Screenshot from 2026-11-28 10:00:01.png", "Screenshot-from-2026-11-28-10-00-01.png",
      "Screenshot from 2026 11 28 10:00:01" },
    { "café (final)_v2.PNG", "café-final-_v2.PNG", "café (final) v2" },
    { ".hidden.png", "hidden.png", "hidden" },
    { "[x](y).gif", "x-y-.gif", "[x](y)" },
    { "", "image", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file = byline_image_import_file_name (cases[i].in);
      g_autofree char *alt = byline_image_import_alt_text (cases[i].in);

      g_assert_cmpstr (file, ==, cases[i].file);
      g_assert_cmpstr (alt, ==, cases[i].alt);
    }
}

static void
test_markdown (void)
{
  g_autofree char *plain = byline_image_import_markdown ("my photo", "images/my-photo.jpg");
  g_autofree char *escaped = byline_image_import_markdown ("[x](y)", "images/a b.png");

  g_assert_cmpstr (plain, ==, "![my photo](images/my-photo.jpg)");
  g_assert_cmpstr (escaped, ==, "![\\[x\\](y)](<images/a b.png>)");
}

static void
test_is_image (void)
{
  g_assert_true (byline_image_import_is_image ("a.png", png_magic, sizeof png_magic));
  g_assert_true (byline_image_import_is_image (NULL, png_magic, sizeof png_magic));
  g_assert_true (byline_image_import_is_image ("photo.jpg", NULL, 0));
  g_assert_false (byline_image_import_is_image ("notes.txt", (const guchar *)"hello", 5));
  g_assert_false (byline_image_import_is_image ("archive.zip", NULL, 0));
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static char *
import (GFile       *folder,
        GFile       *source,
        GBytes      *data,
        const char  *name,
        GError     **error)
{
  GAsyncResult *result = NULL;
  char *path;

  byline_image_import_async (folder, source, data, name, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  path = byline_image_import_finish (result, error);
  g_object_unref (result);

  return path;
}

static void
test_copy (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-images-XXXXXX", NULL);
  g_autofree char *outside_dir = g_dir_make_tmp ("byline-pictures-XXXXXX", NULL);
  g_autofree char *photo_path = g_build_filename (outside_dir, "My Photo.png", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) photo = g_file_new_for_path (photo_path);
  g_autoptr(GBytes) pasted = g_bytes_new_static (png_magic, sizeof png_magic);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *again = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *existing_path = NULL;
  g_autofree char *inside = NULL;
  g_autoptr(GFile) copied = NULL;
  gsize len;

  g_assert_true (g_file_set_contents (photo_path, "first image", -1, NULL));

  first = import (folder, photo, NULL, "My Photo.png", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "images/My-Photo.png");

  /* The same name again gets a number; the first copy is untouched. */
  g_assert_true (g_file_set_contents (photo_path, "second image", -1, NULL));
  second = import (folder, photo, NULL, "My Photo.png", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "images/My-Photo-2.png");

  existing_path = g_build_filename (dir, "images", "My-Photo.png", NULL);
  g_assert_true (g_file_get_contents (existing_path, &contents, &len, NULL));
  g_assert_cmpstr (contents, ==, "first image");
  g_clear_pointer (&contents, g_free);

  /* Pasted bytes. */
  third = import (folder, NULL, pasted, "pasted-image.png", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (third, ==, "images/pasted-image.png");
  copied = g_file_resolve_relative_path (folder, third);
  g_assert_true (g_file_load_contents (copied, NULL, &contents, &len, NULL, NULL));
  g_assert_cmpmem (contents, len, png_magic, sizeof png_magic);

  /* An image already beside the article is referred to, not copied. */
  again = import (folder, copied, NULL, "pasted-image.png", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, "images/pasted-image.png");
  inside = g_build_filename (dir, "images", "pasted-image-2.png", NULL);
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
}

static void
test_copy_fails (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-images-XXXXXX", NULL);
  g_autofree char *elsewhere = g_dir_make_tmp ("byline-pictures-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (elsewhere, "gone.png", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) source = g_file_new_for_path (missing);
  g_autoptr(GFile) images = g_file_get_child (folder, "images");
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  /* A source that vanished: an error, and no empty file left behind. */
  path = import (folder, source, NULL, "gone.png", &error);
  g_assert_null (path);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  children = g_file_enumerate_children (images, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
  g_assert_nonnull (children);
  g_assert_null (g_file_enumerator_next_file (children, NULL, NULL));
}

static GFile *
import_elsewhere (GFile       *folder,
                  GFile       *source,
                  GBytes      *data,
                  const char  *name,
                  GError     **error)
{
  GAsyncResult *result = NULL;
  GFile *copy;

  byline_image_import_elsewhere_async (folder, source, data, name, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  copy = byline_image_import_elsewhere_finish (result, error);
  g_object_unref (result);

  return copy;
}

/* The folder beside the article cannot be written (here "images" is a file): the import says
 * which folder and why; the image then goes into a folder the writer chose, and the article
 * links to it where it is. */
static void
test_copy_elsewhere (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-images-XXXXXX", NULL);
  g_autofree char *chosen_dir = g_dir_make_tmp ("byline-chosen-XXXXXX", NULL);
  g_autofree char *blocker = g_build_filename (dir, "images", NULL);
  g_autofree char *inside_dir = g_build_filename (dir, "figures", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) chosen = g_file_new_for_path (chosen_dir);
  g_autoptr(GFile) inside = g_file_new_for_path (inside_dir);
  g_autoptr(GFile) images = g_file_get_child (folder, "images");
  g_autoptr(GBytes) pasted = g_bytes_new_static (png_magic, sizeof png_magic);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) second = NULL;
  g_autoptr(GFile) third = NULL;
  g_autofree char *path = NULL;
  g_autofree char *words = NULL;
  g_autofree char *link = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  gsize len;

  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));
  path = import (folder, NULL, pasted, "pasted-image.png", &error);
  g_assert_null (path);
  g_assert_nonnull (error);
  words = byline_read_problem_describe_write (images, error);
  expected = g_strdup_printf ("“%s” is a file, not a folder", blocker);
  g_assert_cmpstr (words, ==, expected);
  g_clear_error (&error);

  first = import_elsewhere (chosen, NULL, pasted, "pasted image.png", &error);
  g_assert_no_error (error);
  g_free (expected);
  expected = g_build_filename (chosen_dir, "pasted-image.png", NULL);
  g_assert_cmpstr (g_file_peek_path (first), ==, expected);
  g_assert_true (g_file_load_contents (first, NULL, &contents, &len, NULL, NULL));
  g_assert_cmpmem (contents, len, png_magic, sizeof png_magic);

  /* Never over another file, even when the source is in the chosen folder. */
  second = import_elsewhere (chosen, first, NULL, "pasted-image.png", &error);
  g_assert_no_error (error);
  g_free (expected);
  expected = g_build_filename (chosen_dir, "pasted-image-2.png", NULL);
  g_assert_cmpstr (g_file_peek_path (second), ==, expected);

  /* Outside the article's folder the link is the absolute path; inside it, relative. */
  link = byline_image_import_link (folder, first);
  g_assert_cmpstr (link, ==, g_file_peek_path (first));
  g_clear_pointer (&link, g_free);
  g_assert_true (g_file_make_directory (inside, NULL, NULL));
  third = import_elsewhere (inside, NULL, pasted, "shot.png", &error);
  g_assert_no_error (error);
  link = byline_image_import_link (folder, third);
  g_assert_cmpstr (link, ==, "figures/shot.png");

  /* A folder that cannot be written is named, with the reason. */
  {
    g_autoptr(GError) denied = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "Permission denied");
    g_autofree char *denied_words = byline_read_problem_describe_write (images, denied);
    g_autofree char *denied_expected = g_strdup_printf ("Byline is not allowed to write in the folder “%s”", blocker);

    g_assert_cmpstr (denied_words, ==, denied_expected);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Byline/ImageImport/names", test_names);
  g_test_add_func ("/Byline/ImageImport/markdown", test_markdown);
  g_test_add_func ("/Byline/ImageImport/is-image", test_is_image);
  g_test_add_func ("/Byline/ImageImport/copy", test_copy);
  g_test_add_func ("/Byline/ImageImport/copy-fails", test_copy_fails);
  g_test_add_func ("/Byline/ImageImport/copy-elsewhere", test_copy_elsewhere);

  return g_test_run ();
}
