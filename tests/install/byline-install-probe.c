/* byline-install-probe.c
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
 * Watches the installed program from inside: tests/install/test-install.sh preloads this module
 * (LD_PRELOAD) into the installed `byline`, which knows nothing of it, and reads what it writes
 * to BYLINE_PROBE_LOG, one line at a time:
 *
 *   rendered TITLE           the selected tab's preview shows TITLE and every image in it loaded
 *   icon NAME yes|no         whether the icon theme finds NAME (the installed application icons)
 *   tabs N                   the window has N tabs, once it has BYLINE_PROBE_TABS
 *   done                     then it quits the application
 *
 * BYLINE_PROBE_TITLES lists, separated by '|', the title each tab's preview must show, in order:
 * the probe waits for the first tab, then for a second one to open (`byline FILE` run again
 * opens it in this instance) and so on. The module does nothing unless BYLINE_PROBE_LOG is set,
 * and takes LD_PRELOAD out of the environment so that WebKit's processes do not load it.
 */

#define _GNU_SOURCE
#define G_LOG_DOMAIN "byline-install-probe"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <gtk/gtk.h>
#include <webkit/webkit.h>

typedef struct
{
  FILE      *log;
  char     **titles;
  guint      next;         /* the index of the tab the probe waits for */
  gboolean   evaluating;
  gboolean   icons_done;
} Probe;

static Probe probe;

static void
probe_log (const char *format,
           ...) G_GNUC_PRINTF (1, 2);

static void
probe_log (const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (probe.log, format, args);
  va_end (args);
  fputc ('\n', probe.log);
  fflush (probe.log);
}

static GtkWidget *
find_widget_of_type (GtkWidget *root,
                     GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean probe_tick_cb (gpointer data);

static void
evaluated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  probe.evaluating = FALSE;
  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (value == NULL || !jsc_value_to_boolean (value))
    return;

  probe_log ("rendered %s", probe.titles[probe.next]);
  probe.next++;
  if (probe.titles[probe.next] == NULL)
    {
      probe_log ("tabs %u", probe.next);
      probe_log ("done");
      g_application_quit (g_application_get_default ());
    }
  else
    {
      probe_log ("waiting for tab %u", probe.next + 1);
    }
}

static void
check_icons (GtkWidget *window)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (window));
  const char *app_id = g_application_get_application_id (g_application_get_default ());
  g_autofree char *symbolic = g_strconcat (app_id, "-symbolic", NULL);

  probe_log ("icon %s %s", app_id, gtk_icon_theme_has_icon (theme, app_id) ? "yes" : "no");
  probe_log ("icon %s %s", symbolic, gtk_icon_theme_has_icon (theme, symbolic) ? "yes" : "no");
  probe.icons_done = TRUE;
}

static gboolean
probe_tick_cb (gpointer data)
{
  GApplication *app = g_application_get_default ();
  GtkWidget *tab_view;
  GtkWidget *web_view;
  AdwTabPage *page;
  g_autofree char *script = NULL;
  g_autofree char *title = NULL;

  if (!GTK_IS_APPLICATION (app) || probe.evaluating || probe.titles[probe.next] == NULL)
    return G_SOURCE_CONTINUE;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      if (!probe.icons_done)
        check_icons (l->data);

      tab_view = find_widget_of_type (l->data, ADW_TYPE_TAB_VIEW);
      if (tab_view == NULL ||
          adw_tab_view_get_n_pages (ADW_TAB_VIEW (tab_view)) != (int)probe.next + 1)
        continue;

      page = adw_tab_view_get_selected_page (ADW_TAB_VIEW (tab_view));
      web_view = page ? find_widget_of_type (adw_tab_page_get_child (page), WEBKIT_TYPE_WEB_VIEW) : NULL;
      if (web_view == NULL)
        continue;

      title = g_strescape (probe.titles[probe.next], NULL);
      script = g_strdup_printf ("(() => {"
                                "  const images = Array.from (document.images);"
                                "  return document.body !== null &&"
                                "         document.body.innerText.includes (\"%s\") &&"
                                "         images.every (i => i.complete && i.naturalWidth > 0);"
                                "}) ()",
                                title);
      probe.evaluating = TRUE;
      webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (web_view), script, -1, NULL, NULL,
                                           NULL, evaluated_cb, NULL);
      break;
    }

  return G_SOURCE_CONTINUE;
}

__attribute__((constructor)) static void
probe_init (void)
{
  const char *log_path = g_getenv ("BYLINE_PROBE_LOG");
  const char *titles = g_getenv ("BYLINE_PROBE_TITLES");

  /* The session bus starts other services with the same environment: watch Byline alone. */
  g_unsetenv ("LD_PRELOAD");
  if (log_path == NULL || titles == NULL || strcmp (program_invocation_short_name, "byline") != 0)
    return;

  probe.log = fopen (log_path, "a");
  if (probe.log == NULL)
    g_error ("Cannot write %s: %s", log_path, g_strerror (errno));
  probe.titles = g_strsplit (titles, "|", -1);
  g_unsetenv ("BYLINE_PROBE_LOG");
  g_unsetenv ("BYLINE_PROBE_TITLES");
  probe_log ("started");

  g_timeout_add (50, probe_tick_cb, NULL);
}
