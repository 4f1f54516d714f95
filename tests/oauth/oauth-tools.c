/* oauth-tools.c
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

#include "config.h"

#include <pwd.h>
#include <unistd.h>

#include <gio/gio.h>

#include "oauth-tools.h"

/**
 * oauth_tools_install:
 * @setup_script: setup-oauth-tools.sh
 *
 * Installs the oauth suite's independent tools (jose, puppeteer-core), once for every build.
 *
 * Returns: (transfer full): the folder they are in
 */
char *
oauth_tools_install (const char *setup_script)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) setup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  struct passwd *pw = getpwuid (getuid ());
  g_autofree char *cache = g_build_filename (pw ? pw->pw_dir : g_get_home_dir (), ".cache",
                                             "byline-dev", "oauth-tools", NULL);

  /* The test environment points HOME into the build directory; the tools go under the real
   * home, installed once for every build. */
  if (g_getenv ("BYLINE_OAUTH_TOOLS_CACHE") == NULL)
    g_subprocess_launcher_setenv (launcher, "BYLINE_OAUTH_TOOLS_CACHE", cache, TRUE);
  setup = g_subprocess_launcher_spawn (launcher, &error, setup_script, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (setup, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (setup));

  return g_strdup (g_strstrip (output));
}
