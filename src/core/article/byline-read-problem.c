/* byline-read-problem.c
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

#define G_LOG_DOMAIN "byline-read-problem"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-read-problem.h"

/*
 * Why a file beside the article (an image, the cover) cannot be read, in words a writer
 * understands, rather than the system's "No such file or directory". In the Flatpak sandbox
 * a file that exists may be out of Byline's sight: the document portal shows Byline the article
 * alone when its folder is outside what the sandbox lets it see (the home folder), and the
 * words say so.
 */

/**
 * byline_read_problem_in_sandbox:
 *
 * Returns: whether Byline runs in the Flatpak sandbox
 */
gboolean
byline_read_problem_in_sandbox (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/**
 * byline_read_problem_describe:
 * @name: the file as the article names it, such as "images/cover.jpg"
 * @error: why reading it failed
 *
 * Returns: (transfer full): one sentence that names the file and says why it cannot be read
 */
char *
byline_read_problem_describe (const char   *name,
                              const GError *error)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_NOT_FOUND:
          if (byline_read_problem_in_sandbox ())
            /* Translators: %s is a file name such as images/cover.jpg */
            return g_strdup_printf (_("Byline cannot see “%s”: its sandbox shows it the article "
                                      "but not the folder around it (see “Byline cannot see an "
                                      "image” in the help)"), name);
          /* Translators: %s is a file name such as images/cover.jpg */
          return g_strdup_printf (_("There is no file “%s” beside the article"), name);

        case G_IO_ERROR_PERMISSION_DENIED:
          /* Translators: %s is a file name such as images/cover.jpg */
          return g_strdup_printf (_("Byline is not allowed to read “%s”"), name);

        case G_IO_ERROR_IS_DIRECTORY:
          /* Translators: %s is a file name such as images/cover.jpg */
          return g_strdup_printf (_("“%s” is a folder, not a file"), name);

        case G_IO_ERROR_INVALID_DATA:
          /* Translators: %s is a file name such as images/cover.jpg */
          return g_strdup_printf (_("“%s” is not an image"), name);

        default:
          break;
        }
    }

  /* Translators: %s is a file name such as images/cover.jpg, then the system's reason */
  return g_strdup_printf (_("“%s” cannot be read: %s"), name, error->message);
}

/**
 * byline_read_problem_describe_write:
 * @folder: the folder Byline tried to write in, such as the article's images folder
 * @error: why writing failed
 *
 * Returns: (transfer full): one sentence that names the folder and says why Byline cannot
 *   write in it
 */
char *
byline_read_problem_describe_write (GFile        *folder,
                                    const GError *error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  name = g_file_get_parse_name (folder);

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_NOT_FOUND:
          if (byline_read_problem_in_sandbox ())
            /* Translators: %s is a folder such as /home/ana/articles/images */
            return g_strdup_printf (_("Byline cannot see the folder “%s”: its sandbox shows it "
                                      "the article but not the folder around it"), name);
          /* Translators: %s is a folder such as /home/ana/articles/images */
          return g_strdup_printf (_("The folder “%s” cannot be made: the folder around it is "
                                    "gone"), name);

        case G_IO_ERROR_PERMISSION_DENIED:
        case G_IO_ERROR_READ_ONLY:
          if (byline_read_problem_in_sandbox ())
            /* Translators: %s is a folder such as /home/ana/articles/images */
            return g_strdup_printf (_("Byline is not allowed to write in the folder “%s”: its "
                                      "sandbox shows it the article alone"), name);
          if (error->code == G_IO_ERROR_PERMISSION_DENIED)
            /* Translators: %s is a folder such as /home/ana/articles/images */
            return g_strdup_printf (_("Byline is not allowed to write in the folder “%s”"), name);
          /* Translators: %s is a folder such as /home/ana/articles/images */
          return g_strdup_printf (_("The folder “%s” is on a disk that cannot be written"), name);

        case G_IO_ERROR_NOT_DIRECTORY:
        case G_IO_ERROR_EXISTS:
          /* Translators: %s is a folder such as /home/ana/articles/images */
          return g_strdup_printf (_("“%s” is a file, not a folder"), name);

        case G_IO_ERROR_NO_SPACE:
          /* Translators: %s is a folder such as /home/ana/articles/images */
          return g_strdup_printf (_("The disk holding the folder “%s” is full"), name);

        default:
          break;
        }
    }

  /* Translators: %s is a folder such as /home/ana/articles/images, then the system's reason */
  return g_strdup_printf (_("Byline cannot write in the folder “%s”: %s"), name, error->message);
}
