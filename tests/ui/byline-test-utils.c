/* byline-test-utils.c
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

#include <dlfcn.h>
#include <string.h>

#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "byline-test-utils.h"

static BylineApplication *test_app;

/**
 * byline_test_app_start:
 *
 * Registers an application of its own for the tests of one program (@id, not unique, so the
 * suites can run side by side) and holds it while no window is open. Call it after
 * g_test_init(), and byline_test_app_run() to run the tests.
 *
 * Returns: (transfer none): the application, until byline_test_app_run() returns
 */
BylineApplication *
byline_test_app_start (const char *id)
{
  g_assert_null (test_app);

  test_app = byline_application_new (id, G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (test_app), NULL, NULL));
  g_application_hold (G_APPLICATION (test_app));

  return test_app;
}

/**
 * byline_test_app_run:
 *
 * Runs the tests added, closes the windows they left open, and releases and frees the
 * application of byline_test_app_start().
 *
 * Returns: the status of g_test_run()
 */
int
byline_test_app_run (void)
{
  int status;
  GList *windows;

  g_assert_nonnull (test_app);

  status = g_test_run ();

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (test_app))) != NULL)
    {
      if (BYLINE_IS_WINDOW (windows->data))
        byline_test_close_window (windows->data);
      else
        gtk_window_destroy (windows->data);
    }
  g_application_release (G_APPLICATION (test_app));
  g_clear_object (&test_app);

  return status;
}


static gboolean
expire_cb (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;

  return G_SOURCE_REMOVE;
}

/**
 * byline_test_wait_until:
 *
 * Iterates the main context until @condition holds; aborts the test naming @what when it does
 * not within a minute.
 */
void
byline_test_wait_until (BylineTestCondition  condition,
                        gpointer             data,
                        const char          *what)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (BYLINE_TEST_WAIT_LIMIT_SECONDS, expire_cb, &expired);

  while (!condition (data) && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (expired)
    g_error ("Gave up waiting for %s", what);

  g_source_remove (id);
}

static gboolean
set_true_cb (gpointer data)
{
  *(gboolean *)data = TRUE;

  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

/**
 * byline_test_wait_for_idle:
 *
 * Iterates the main context until every source ready now has run, and those they added in
 * turn (layout, redraws, renders, replies from the web process already received): until it
 * has nothing of a priority above %G_PRIORITY_LOW to do. A timeout still to expire does not
 * hold it back.
 */
void
byline_test_wait_for_idle (void)
{
  gboolean idle = FALSE;

  g_idle_add_full (G_PRIORITY_LOW, set_true_cb, &idle, NULL);
  byline_test_wait_until (is_true, &idle, "the main loop to go idle");
}

/**
 * byline_test_run_for:
 *
 * Lets the web process and the main loop run for a while, to give something that must not
 * happen every chance to happen. Only for what no later event can prove did not happen:
 * wait for a condition instead wherever there is one.
 */
void
byline_test_run_for (guint milliseconds)
{
  gboolean expired = FALSE;

  g_timeout_add (milliseconds, expire_cb, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  char     *result;
  gboolean  done;
} Eval;

static void
eval_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Eval *eval = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  g_assert_no_error (error);
  eval->result = jsc_value_is_undefined (value) || jsc_value_is_null (value)
               ? g_strdup ("") : jsc_value_to_string (value);
  eval->done = TRUE;
}

static gboolean
eval_done (gpointer data)
{
  return ((Eval *)data)->done;
}

/**
 * byline_test_eval_js:
 *
 * Runs @script in the preview page's main world, where the document's own content lives.
 *
 * Returns: (transfer full): the result as a string ("" for undefined and null)
 */
char *
byline_test_eval_js (BylineWindow *window,
                     const char   *script)
{
  WebKitWebView *web_view = byline_preview_get_web_view (
    byline_page_get_preview (byline_window_get_page (window)));
  Eval eval = { NULL, FALSE };

  webkit_web_view_evaluate_javascript (web_view, script, -1, NULL, NULL, NULL, eval_cb, &eval);
  byline_test_wait_until (eval_done, &eval, "JavaScript to return");

  return eval.result;
}

typedef struct
{
  BylineWindow *window;
  const char   *needle;
} TextWait;

static gboolean
preview_contains (gpointer data)
{
  TextWait *wait = data;
  g_autofree char *text = NULL;

  text = byline_test_eval_js (wait->window,
                              "(document.getElementById('byline-article') || {innerText: ''}).innerText");

  return strstr (text, wait->needle) != NULL;
}

void
byline_test_wait_for_preview_text (BylineWindow *window,
                                   const char   *needle)
{
  TextWait wait = { window, needle };
  g_autofree char *what = g_strdup_printf ("the preview to show “%s”", needle);

  byline_test_wait_until (preview_contains, &wait, what);
}

/**
 * byline_test_type_text:
 *
 * Types @text at the cursor of the window's editor, through the signal a key press on the view
 * ends in.
 */
void
byline_test_type_text (BylineWindow *window,
                       const char   *text)
{
  GtkSourceView *view = byline_page_get_view (byline_window_get_page (window));

  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_signal_emit_by_name (view, "insert-at-cursor", text);
}

/**
 * byline_test_close_window:
 *
 * Closes @window without asking about unsaved changes: tests leave no work behind them.
 */
void
byline_test_close_window (BylineWindow *window)
{
  g_autoptr(GPtrArray) documents = byline_window_dup_documents (window);

  for (guint i = 0; i < documents->len; i++)
    gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (g_ptr_array_index (documents, i)), FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
}

/**
 * byline_test_find_row:
 *
 * Returns: (transfer none) (nullable): the first row of @type titled @title below @widget
 */
GtkWidget *
byline_test_find_row (GtkWidget  *widget,
                      GType       type,
                      const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = byline_test_find_row (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * byline_test_save_screenshot:
 *
 * With BYLINE_TEST_SCREENSHOTS=DIR, leaves a PNG of @window there, for people to look at;
 * nothing is asserted on it.
 */
void
byline_test_save_screenshot (GtkWidget  *window,
                             const char *name)
{
  const char *dir = g_getenv ("BYLINE_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  /* The web process paints the preview in its own time and says nothing when it has; the
   * picture is only looked at, so a second is enough. */
  byline_test_run_for (1000);

  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

/**
 * byline_test_find_widget:
 *
 * Returns: (transfer none) (nullable): @root or the first widget of @type below it, depth first
 */
GtkWidget *
byline_test_find_widget (GtkWidget *root,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = byline_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
find_label (GtkWidget  *widget,
            const char *needle)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, needle))
      return TRUE;

  return FALSE;
}

typedef struct
{
  GtkWidget  *root;
  const char *needle;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return find_label (wait->root, wait->needle);
}

/**
 * byline_test_wait_for_label:
 *
 * Waits until a label below @root that shows @needle is on screen (a toast, a banner).
 */
void
byline_test_wait_for_label (GtkWidget  *root,
                            const char *needle)
{
  LabelWait wait = { root, needle };
  g_autofree char *what = g_strdup_printf ("a label that says “%s”", needle);

  byline_test_wait_until (label_shown, &wait, what);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

typedef struct
{
  GtkWidget  *chooser;
  GFile      *folder;
  const char *name;
} FolderWait;

static gboolean
chooser_settled (gpointer data)
{
  FolderWait *wait = data;
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (wait->chooser));
  GType path_bar_type = g_type_from_name ("GtkPathBar");
  GtkWidget *path_bar;

  if (folder == NULL || !g_file_equal (folder, wait->folder) || path_bar_type == 0)
    return FALSE;
  path_bar = byline_test_find_widget (wait->chooser, path_bar_type);

  return path_bar != NULL && find_label (path_bar, wait->name);
}

/**
 * byline_test_file_chooser_go_to:
 * @chooser: GTK's own file dialog
 * @folder: a folder
 *
 * Sends @chooser to @folder and waits until it is there, its path bar included: the path bar
 * fills in asynchronously, and a dialog closed before it has is a critical warning.
 */
void
byline_test_file_chooser_go_to (GtkWidget *chooser,
                                GFile     *folder)
{
  g_autofree char *name = g_file_get_basename (folder);
  FolderWait wait = { chooser, folder, name };

  byline_test_wait_for_idle ();
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  byline_test_wait_until (chooser_settled, &wait, "the file dialog to go to the folder");
}

G_GNUC_END_IGNORE_DEPRECATIONS

typedef struct
{
  BylineWindow *window;
  const char   *script;
  const char   *expected;
} JsWait;

static gboolean
js_returns (gpointer data)
{
  JsWait *wait = data;
  /* The page may not hold the node yet: an exception is "not yet", not a failure. */
  g_autofree char *guarded = g_strdup_printf ("(() => { try { return String(%s); } "
                                              "catch (e) { return 'error: ' + e; } })()",
                                              wait->script);
  g_autofree char *result = byline_test_eval_js (wait->window, guarded);

  return g_strcmp0 (result, wait->expected) == 0;
}

/**
 * byline_test_wait_for_js:
 *
 * Waits until the expression @script, run in the preview, gives @expected as a string.
 */
void
byline_test_wait_for_js (BylineWindow *window,
                         const char   *script,
                         const char   *expected)
{
  JsWait wait = { window, script, expected };
  g_autofree char *what = g_strdup_printf ("“%s” to give “%s”", script, expected);

  byline_test_wait_until (js_returns, &wait, what);
}

static gboolean
document_loaded (gpointer data)
{
  gboolean loading = TRUE;

  g_object_get (data, "loading", &loading, NULL);

  return !loading && gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (data)) > 0;
}

/**
 * byline_test_wait_for_document:
 *
 * Waits until @document has loaded its file, with some text in it.
 */
void
byline_test_wait_for_document (BylineDocument *document)
{
  byline_test_wait_until (document_loaded, document, "the article to load");
}

/**
 * byline_test_open_file:
 *
 * Opens @file in @window and waits until its document has loaded.
 */
void
byline_test_open_file (BylineWindow *window,
                       GFile        *file)
{
  byline_window_open_file (window, file);
  byline_test_wait_for_document (byline_page_get_document (byline_window_get_page (window)));
}

/**
 * byline_test_buffer_text:
 *
 * Returns: (transfer full): the whole text of @buffer, without invisible text
 */
char *
byline_test_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

#ifdef GDK_WINDOWING_X11
/* XTest makes the X server itself send the key events, so they take the path a real key press
 * takes: through the window's shortcuts and every event controller, to the focus widget. */
typedef int (*FakeKeyEvent) (Display      *display,
                             unsigned int  keycode,
                             int           is_press,
                             unsigned long delay);

static FakeKeyEvent
get_fake_key_event (void)
{
  static FakeKeyEvent fake_key_event;

  if (fake_key_event == NULL)
    {
      void *library = dlopen ("libXtst.so.6", RTLD_NOW);

      if (library != NULL)
        fake_key_event = (FakeKeyEvent) dlsym (library, "XTestFakeKeyEvent");
    }

  return fake_key_event;
}

static void
fake_key (GdkDisplay *display,
          guint       keyval,
          gboolean    press)
{
  g_autofree GdkKeymapKey *keys = NULL;
  int n_keys = 0;
  guint keycode;

  g_assert_true (gdk_display_map_keyval (display, keyval, &keys, &n_keys));
  keycode = keys[0].keycode;
  for (int i = 0; i < n_keys; i++)
    if (keys[i].group == 0 && keys[i].level == 0)
      {
        keycode = keys[i].keycode;
        break;
      }

  get_fake_key_event () (gdk_x11_display_get_xdisplay (display), keycode, press, 0);
}

/* Without a window manager, GTK asks for the keyboard with the time of the last event it
 * saw, which the X server ignores when the keyboard was given away later (to a window since
 * closed): this gives it to @surface now. */
static void
give_keyboard_to (GdkSurface *surface)
{
  typedef int (*SetInputFocus) (Display *display, Window window, int revert_to, Time time);
  SetInputFocus set_input_focus = (SetInputFocus) dlsym (RTLD_DEFAULT, "XSetInputFocus");
  GdkDisplay *display = gdk_surface_get_display (surface);

  if (set_input_focus == NULL)
    return;

  gdk_x11_display_error_trap_push (display);
  set_input_focus (gdk_x11_display_get_xdisplay (display), gdk_x11_surface_get_xid (surface),
                   RevertToParent, CurrentTime);
  gdk_x11_display_error_trap_pop_ignored (display);
}
#endif

/**
 * byline_test_can_press_keys:
 *
 * Returns: whether byline_test_press_keys() works on @widget's display (an X display with
 *   the XTest extension's library)
 */
gboolean
byline_test_can_press_keys (GtkWidget *widget)
{
#ifdef GDK_WINDOWING_X11
  return GDK_IS_X11_DISPLAY (gtk_widget_get_display (widget)) && get_fake_key_event () != NULL;
#else
  return FALSE;
#endif
}

typedef struct
{
  GdkSurface *surface;
  guint       keyval;
  gboolean    released;
} KeyWait;

/* Every event of the window's surface passes here before any handler of GTK's sees it, in the
 * same main loop iteration: widgets that hold a grab or stop the event cannot hide it. */
static gboolean
surface_event_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               data)
{
  KeyWait *wait = data;
  GdkEvent *event = g_value_peek_pointer (&values[1]);

  if (g_value_get_object (&values[0]) == wait->surface &&
      gdk_event_get_event_type (event) == GDK_KEY_RELEASE &&
      gdk_keyval_to_lower (gdk_key_event_get_keyval (event)) == gdk_keyval_to_lower (wait->keyval))
    wait->released = TRUE;

  return TRUE;
}

static gboolean
key_released (gpointer data)
{
  return ((KeyWait *)data)->released;
}

static gboolean
window_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (data));
}

/**
 * byline_test_press_keys:
 *
 * Presses @keyval with @modifiers held on @widget's window, as the keyboard would, and
 * returns once the window has handled the key's release (so the press too). Call
 * byline_test_can_press_keys() first.
 */
void
byline_test_press_keys (GtkWidget       *widget,
                        guint            keyval,
                        GdkModifierType  modifiers)
{
#ifdef GDK_WINDOWING_X11
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  GdkDisplay *display = gtk_widget_get_display (widget);
  static const struct { GdkModifierType mask; guint keyval; } held[] = {
    { GDK_CONTROL_MASK, GDK_KEY_Control_L },
    { GDK_SHIFT_MASK, GDK_KEY_Shift_L },
    { GDK_ALT_MASK, GDK_KEY_Alt_L },
  };
  KeyWait wait = { gtk_native_get_surface (GTK_NATIVE (window)), keyval, FALSE };
  guint signal_id = g_signal_lookup ("event", GDK_TYPE_SURFACE);
  gulong hook;

  g_assert_true (byline_test_can_press_keys (widget));

  gtk_window_present (GTK_WINDOW (window));
  byline_test_wait_until (window_is_mapped, window, "the window to show");
  if (!gtk_window_is_active (GTK_WINDOW (window)))
    give_keyboard_to (wait.surface);
  byline_test_wait_until (window_is_active, window, "the window to take the keyboard");

  hook = g_signal_add_emission_hook (signal_id, 0, surface_event_hook, &wait, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    if (modifiers & held[i].mask)
      fake_key (display, held[i].keyval, TRUE);
  fake_key (display, keyval, TRUE);
  fake_key (display, keyval, FALSE);
  for (guint i = G_N_ELEMENTS (held); i > 0; i--)
    if (modifiers & held[i - 1].mask)
      fake_key (display, held[i - 1].keyval, FALSE);
  gdk_display_flush (display);

  byline_test_wait_until (key_released, &wait, "the key to reach the window");
  g_signal_remove_emission_hook (signal_id, hook);
#else
  g_assert_not_reached ();
#endif
}
