/* byline-source-view-format.c
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
 * The Markdown formatting actions of the source editor (editor.*) with their accelerators, and
 * list editing on Enter and Tab. Every edit is one user action, so one undo reverts it.
 */

#include "config.h"

#include <string.h>

#include "byline-source-view-private.h"

#define MAX_HEADING_LEVEL 6

static GtkTextBuffer *
get_buffer (BylineSourceView *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
}

static char *
get_line_text (GtkTextBuffer *buffer,
               int            line)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The lines the selection touches; a selection ending at the start of a line leaves that line
 * out. */
static void
get_selected_lines (GtkTextBuffer *buffer,
                    int           *first,
                    int           *last)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  *first = gtk_text_iter_get_line (&start);
  *last = gtk_text_iter_get_line (&end);
  if (*last > *first && gtk_text_iter_starts_line (&end))
    (*last)--;
}

static void
replace_line_prefix (GtkTextBuffer *buffer,
                     int            line,
                     int            remove_chars,
                     const char    *insert)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  if (remove_chars > 0)
    {
      gtk_text_buffer_get_iter_at_line_offset (buffer, &end, line, remove_chars);
      gtk_text_buffer_delete (buffer, &start, &end);
    }
  if (insert != NULL && *insert != '\0')
    gtk_text_buffer_insert (buffer, &start, insert, -1);
}

/* List items: "- ", "* ", "+ ", "1. ", "1) ", each optionally followed by a task box "[ ] ". */
typedef struct
{
  gsize indent;        /* leading spaces */
  gsize marker_len;    /* bytes from the end of the indent to the item's text */
  gboolean ordered;
  guint64 number;
  char delimiter;      /* '-', '*', '+', '.' or ')' */
  gboolean task;
} ListItem;

static gboolean
parse_list_item (const char *line,
                 ListItem   *item)
{
  const char *p = line;

  memset (item, 0, sizeof *item);
  while (*p == ' ')
    p++;
  item->indent = p - line;

  if ((*p == '-' || *p == '*' || *p == '+') && (p[1] == ' ' || p[1] == '\0'))
    {
      item->delimiter = *p;
      p += p[1] == ' ' ? 2 : 1;
    }
  else if (g_ascii_isdigit (*p))
    {
      const char *digits = p;

      while (g_ascii_isdigit (*p))
        p++;
      if (p - digits > 9 || (*p != '.' && *p != ')') || (p[1] != ' ' && p[1] != '\0'))
        return FALSE;
      item->ordered = TRUE;
      item->number = g_ascii_strtoull (digits, NULL, 10);
      item->delimiter = *p;
      p += p[1] == ' ' ? 2 : 1;
    }
  else
    return FALSE;

  if (p[0] == '[' && (p[1] == ' ' || p[1] == 'x' || p[1] == 'X') && p[2] == ']'
      && (p[3] == ' ' || p[3] == '\0'))
    {
      item->task = TRUE;
      p += p[3] == ' ' ? 4 : 3;
    }

  item->marker_len = p - line - item->indent;

  return TRUE;
}

gboolean
_byline_source_view_is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

/* Enter inside a list item: continues the list, or ends it on an empty item. Returns FALSE
 * when the cursor is not in a list item, so the ordinary newline happens. */
static gboolean
continue_list (BylineSourceView *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  g_autofree char *line_text = NULL;
  g_autoptr(GString) next = NULL;
  GtkTextIter cursor;
  ListItem item;
  int line;

  if (gtk_text_buffer_get_has_selection (buffer))
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  line = gtk_text_iter_get_line (&cursor);
  line_text = get_line_text (buffer, line);
  if (!parse_list_item (line_text, &item))
    return FALSE;

  /* Enter inside the marker itself is an ordinary newline. */
  if ((gsize) gtk_text_iter_get_line_index (&cursor) < item.indent + item.marker_len)
    return FALSE;

  gtk_text_buffer_begin_user_action (buffer);

  if (_byline_source_view_is_blank (line_text + item.indent + item.marker_len))
    {
      /* An empty item ends the list: the marker goes and its line stays blank, with the
       * cursor on a new line after it. Without the blank line, a table or paragraph typed
       * next would join the last item. */
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_line (buffer, &start, line);
      end = start;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      gtk_text_buffer_delete (buffer, &start, &end);
      gtk_text_buffer_insert (buffer, &start, "\n", 1);
    }
  else
    {
      next = g_string_new ("\n");
      for (gsize i = 0; i < item.indent; i++)
        g_string_append_c (next, ' ');
      if (item.ordered)
        g_string_append_printf (next, "%" G_GUINT64_FORMAT "%c ", item.number + 1, item.delimiter);
      else
        g_string_append_printf (next, "%c ", item.delimiter);
      if (item.task)
        g_string_append (next, "[ ] ");

      gtk_text_buffer_insert (buffer, &cursor, next->str, next->len);
    }

  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self), gtk_text_buffer_get_insert (buffer));

  return TRUE;
}

/* Tab and Shift+Tab on list items: nests or un-nests every selected item by the width of its
 * own marker, so the item lines up under its parent's text. Returns FALSE when the first
 * selected line is not a list item. */
static gboolean
indent_list (BylineSourceView *self,
             gboolean          outdent)
{
  GtkTextBuffer *buffer = get_buffer (self);
  int first, last;
  ListItem item;

  get_selected_lines (buffer, &first, &last);
  {
    g_autofree char *first_text = get_line_text (buffer, first);

    if (!parse_list_item (first_text, &item))
      return FALSE;
  }

  gtk_text_buffer_begin_user_action (buffer);
  for (int line = first; line <= last; line++)
    {
      g_autofree char *text = get_line_text (buffer, line);
      gsize width;

      if (!parse_list_item (text, &item))
        continue;

      width = item.ordered ? item.marker_len - (item.task ? 4 : 0) : 2;
      if (!outdent && line > 0)
        {
          /* Nesting lines the item up under the text of the item above it. */
          g_autofree char *above = get_line_text (buffer, line - 1);
          ListItem parent;

          if (parse_list_item (above, &parent) && parent.indent == item.indent)
            width = parent.ordered ? parent.marker_len - (parent.task ? 4 : 0) : 2;
        }
      if (outdent)
        replace_line_prefix (buffer, line, (int) MIN (width, item.indent), NULL);
      else
        {
          g_autofree char *spaces = g_strnfill (width, ' ');

          replace_line_prefix (buffer, line, 0, spaces);
        }
    }
  gtk_text_buffer_end_user_action (buffer);

  return TRUE;
}

static guint
count_markers (const char *text,
               const char *marker,
               const char **last)
{
  gsize len = strlen (marker);
  guint n = 0;

  *last = NULL;
  for (const char *p = strstr (text, marker); p != NULL; p = strstr (p + len, marker))
    {
      *last = p;
      n++;
    }

  return n;
}

/* With no selection and the cursor right before the @suffix that closes a span its line
 * opened with @prefix ("**bold|**"), pressing the toggle again steps over the closing marker
 * instead of opening another span inside it, so the writer types on after the span. On an
 * empty span ("**|**") it takes the markers away. Returns whether it did either. */
static gboolean
step_over_closing_marker (BylineSourceView *self,
                          const char       *prefix,
                          const char       *suffix)
{
  GtkTextBuffer *buffer = get_buffer (self);
  glong suffix_len = g_utf8_strlen (suffix, -1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkTextIter cursor, line_start, suffix_end;
  const char *last_prefix, *last_suffix;
  gboolean open;

  if (gtk_text_buffer_get_has_selection (buffer))
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  suffix_end = cursor;
  gtk_text_iter_forward_chars (&suffix_end, suffix_len);
  after = gtk_text_buffer_get_text (buffer, &cursor, &suffix_end, FALSE);
  if (!g_str_equal (after, suffix))
    return FALSE;

  line_start = cursor;
  gtk_text_iter_set_line_offset (&line_start, 0);
  before = gtk_text_buffer_get_text (buffer, &line_start, &cursor, FALSE);

  /* A span is open when the line so far holds an odd number of a symmetric marker, or its
   * last opening marker comes after its last closing one. */
  if (g_str_equal (prefix, suffix))
    open = count_markers (before, prefix, &last_prefix) % 2 == 1;
  else
    open = count_markers (before, prefix, &last_prefix) > 0
           && (count_markers (before, suffix, &last_suffix) == 0 || last_suffix < last_prefix);
  if (!open)
    return FALSE;

  if (g_str_equal (prefix, suffix) && g_str_has_suffix (before, prefix))
    {
      GtkTextIter prefix_start = cursor;

      gtk_text_iter_backward_chars (&prefix_start, g_utf8_strlen (prefix, -1));
      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_delete (buffer, &prefix_start, &suffix_end);
      gtk_text_buffer_end_user_action (buffer);
      return TRUE;
    }

  gtk_text_buffer_place_cursor (buffer, &suffix_end);

  return TRUE;
}

static void
wrap_selection (BylineSourceView *self,
                const char       *prefix,
                const char       *suffix)
{
  GtkTextBuffer *buffer = get_buffer (self);
  glong prefix_len = g_utf8_strlen (prefix, -1);
  glong suffix_len = g_utf8_strlen (suffix, -1);
  GtkTextIter start, end, outer_start, outer_end;
  g_autoptr(GtkTextMark) start_mark = NULL;
  int start_offset, end_offset;

  if (step_over_closing_marker (self, prefix, suffix))
    return;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  start_offset = gtk_text_iter_get_offset (&start);
  end_offset = gtk_text_iter_get_offset (&end);

  gtk_text_buffer_begin_user_action (buffer);

  /* Already wrapped: unwrap. */
  outer_start = start;
  outer_end = end;
  if (start_offset != end_offset
      && gtk_text_iter_backward_chars (&outer_start, prefix_len)
      && gtk_text_iter_forward_chars (&outer_end, suffix_len))
    {
      g_autofree char *before = gtk_text_buffer_get_text (buffer, &outer_start, &start, FALSE);
      g_autofree char *after = gtk_text_buffer_get_text (buffer, &end, &outer_end, FALSE);

      if (g_str_equal (before, prefix) && g_str_equal (after, suffix))
        {
          start_mark = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE));
          gtk_text_buffer_delete (buffer, &end, &outer_end);
          gtk_text_buffer_get_iter_at_mark (buffer, &start, start_mark);
          outer_start = start;
          gtk_text_iter_backward_chars (&outer_start, prefix_len);
          gtk_text_buffer_delete (buffer, &outer_start, &start);
          gtk_text_buffer_delete_mark (buffer, start_mark);

          gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset - prefix_len);
          gtk_text_buffer_get_iter_at_offset (buffer, &end, end_offset - prefix_len);
          gtk_text_buffer_select_range (buffer, &start, &end);
          gtk_text_buffer_end_user_action (buffer);
          return;
        }
    }

  gtk_text_buffer_insert (buffer, &end, suffix, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);
  gtk_text_buffer_insert (buffer, &start, prefix, -1);

  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset + prefix_len);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, end_offset + prefix_len);
  gtk_text_buffer_select_range (buffer, &start, &end);

  gtk_text_buffer_end_user_action (buffer);
}

static void
bold_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  wrap_selection (BYLINE_SOURCE_VIEW (widget), "**", "**");
}

static void
italic_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  wrap_selection (BYLINE_SOURCE_VIEW (widget), "_", "_");
}

/* Wraps the selection as [text](url) and selects "url", ready to be typed over. */
static void
link_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  GtkTextBuffer *buffer = get_buffer (BYLINE_SOURCE_VIEW (widget));
  GtkTextIter start, end;
  int start_offset, end_offset;

  /* In "[text](https://…|)", once the address is typed: on past the link. */
  if (step_over_closing_marker (BYLINE_SOURCE_VIEW (widget), "](", ")"))
    return;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  start_offset = gtk_text_iter_get_offset (&start);
  end_offset = gtk_text_iter_get_offset (&end);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &end, "](url)", -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);
  gtk_text_buffer_insert (buffer, &start, "[", -1);

  /* "[" + text + "](" */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, end_offset + 3);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, end_offset + 6);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_buffer_end_user_action (buffer);
}

static int
heading_level (const char *line,
               gsize      *prefix_len)
{
  int level = 0;

  while (line[level] == '#')
    level++;
  if (level == 0 || level > MAX_HEADING_LEVEL || (line[level] != ' ' && line[level] != '\0'))
    {
      *prefix_len = 0;
      return 0;
    }

  *prefix_len = level + (line[level] == ' ' ? 1 : 0);

  return level;
}

/* heading-up makes each selected line a bigger heading (## → #; a paragraph becomes ######),
 * heading-down a smaller one (###### becomes a paragraph again). */
static void
change_heading (BylineSourceView *self,
                int               delta)
{
  GtkTextBuffer *buffer = get_buffer (self);
  int first, last;

  get_selected_lines (buffer, &first, &last);

  gtk_text_buffer_begin_user_action (buffer);
  for (int line = first; line <= last; line++)
    {
      g_autofree char *text = get_line_text (buffer, line);
      g_autofree char *prefix = NULL;
      gsize prefix_len;
      int level = heading_level (text, &prefix_len);

      if (level == 0)
        level = MAX_HEADING_LEVEL + 1;
      level = CLAMP (level + delta, 1, MAX_HEADING_LEVEL + 1);

      if (level <= MAX_HEADING_LEVEL)
        {
          g_autofree char *hashes = g_strnfill (level, '#');

          prefix = g_strconcat (hashes, " ", NULL);
        }
      replace_line_prefix (buffer, line, (int) prefix_len, prefix);
    }
  gtk_text_buffer_end_user_action (buffer);
}

static void
heading_up_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  change_heading (BYLINE_SOURCE_VIEW (widget), -1);
}

static void
heading_down_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  change_heading (BYLINE_SOURCE_VIEW (widget), +1);
}

typedef gsize (*PrefixMatcher) (const char *line);

static gsize
match_list (const char *line)
{
  ListItem item;

  if (!parse_list_item (line, &item) || item.indent > 0)
    return 0;

  return item.marker_len - (item.task ? 4 : 0);
}

static gsize
match_quote (const char *line)
{
  if (line[0] != '>')
    return 0;

  return line[1] == ' ' ? 2 : 1;
}

/* Adds @prefix to every non-empty selected line, or removes it when every such line has it. */
static void
toggle_line_prefix (BylineSourceView *self,
                    const char       *prefix,
                    PrefixMatcher     matcher)
{
  GtkTextBuffer *buffer = get_buffer (self);
  gboolean all_have = TRUE;
  gboolean any_text = FALSE;
  int first, last;

  get_selected_lines (buffer, &first, &last);

  for (int line = first; line <= last; line++)
    {
      g_autofree char *text = get_line_text (buffer, line);

      if (_byline_source_view_is_blank (text))
        continue;
      any_text = TRUE;
      if (matcher (text) == 0)
        all_have = FALSE;
    }

  gtk_text_buffer_begin_user_action (buffer);
  for (int line = first; line <= last; line++)
    {
      g_autofree char *text = get_line_text (buffer, line);

      if (any_text && _byline_source_view_is_blank (text))
        continue;
      if (any_text && all_have)
        replace_line_prefix (buffer, line, (int) matcher (text), NULL);
      else
        replace_line_prefix (buffer, line, 0, prefix);
    }
  gtk_text_buffer_end_user_action (buffer);
}

static void
toggle_list_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  toggle_line_prefix (BYLINE_SOURCE_VIEW (widget), "- ", match_list);
}

static void
toggle_quote_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  toggle_line_prefix (BYLINE_SOURCE_VIEW (widget), "> ", match_quote);
}

static gboolean
is_fence (const char *line)
{
  return g_str_has_prefix (line, "```") || g_str_has_prefix (line, "~~~");
}

/* A selection inside one line becomes `inline code`; otherwise the selected lines get a fenced
 * block, or lose theirs when the first and last selected lines are its fences. */
static void
toggle_code_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BylineSourceView *self = BYLINE_SOURCE_VIEW (widget);
  GtkTextBuffer *buffer = get_buffer (self);
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  GtkTextIter start, end;
  int first, last;

  if (step_over_closing_marker (self, "`", "`"))
    return;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  if (!gtk_text_iter_equal (&start, &end)
      && gtk_text_iter_get_line (&start) == gtk_text_iter_get_line (&end))
    {
      wrap_selection (self, "`", "`");
      return;
    }

  get_selected_lines (buffer, &first, &last);
  first_text = get_line_text (buffer, first);
  last_text = get_line_text (buffer, last);

  gtk_text_buffer_begin_user_action (buffer);
  if (last > first && is_fence (first_text) && is_fence (last_text))
    {
      /* The closing fence first, so the opening one's line number still holds. */
      gtk_text_buffer_get_iter_at_line (buffer, &end, last);
      start = end;
      gtk_text_iter_backward_char (&start);
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      gtk_text_buffer_delete (buffer, &start, &end);

      gtk_text_buffer_get_iter_at_line (buffer, &start, first);
      end = start;
      gtk_text_iter_forward_line (&end);
      gtk_text_buffer_delete (buffer, &start, &end);
    }
  else
    {
      gtk_text_buffer_get_iter_at_line (buffer, &end, last);
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      gtk_text_buffer_insert (buffer, &end, "\n```", -1);
      gtk_text_buffer_get_iter_at_line (buffer, &start, first);
      gtk_text_buffer_insert (buffer, &start, "```\n", -1);
    }
  gtk_text_buffer_end_user_action (buffer);
}

/* editor.newline, editor.indent and editor.outdent are what Enter, Tab and Shift+Tab do. */
static void
newline_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BylineSourceView *self = BYLINE_SOURCE_VIEW (widget);

  if (!continue_list (self))
    {
      GtkTextBuffer *buffer = get_buffer (self);

      gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
      gtk_text_buffer_insert_interactive_at_cursor (buffer, "\n", 1, TRUE);
    }
}

static void
indent_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  indent_list (BYLINE_SOURCE_VIEW (widget), g_str_equal (action_name, "editor.outdent"));
}

static gboolean
key_pressed_cb (BylineSourceView      *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  if (!gtk_text_view_get_editable (GTK_TEXT_VIEW (self)))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (mods == 0 && continue_list (self))
        return GDK_EVENT_STOP;
      break;

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      if (mods == 0 && indent_list (self, FALSE))
        return GDK_EVENT_STOP;
      break;

    case GDK_KEY_ISO_Left_Tab:
      if ((mods & ~GDK_SHIFT_MASK) == 0 && indent_list (self, TRUE))
        return GDK_EVENT_STOP;
      break;

    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

void
_byline_source_view_format_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.bold", NULL, bold_cb);
  gtk_widget_class_install_action (widget_class, "editor.italic", NULL, italic_cb);
  gtk_widget_class_install_action (widget_class, "editor.link", NULL, link_cb);
  gtk_widget_class_install_action (widget_class, "editor.heading-up", NULL, heading_up_cb);
  gtk_widget_class_install_action (widget_class, "editor.heading-down", NULL, heading_down_cb);
  gtk_widget_class_install_action (widget_class, "editor.toggle-list", NULL, toggle_list_cb);
  gtk_widget_class_install_action (widget_class, "editor.toggle-quote", NULL, toggle_quote_cb);
  gtk_widget_class_install_action (widget_class, "editor.toggle-code", NULL, toggle_code_cb);
  gtk_widget_class_install_action (widget_class, "editor.newline", NULL, newline_cb);
  gtk_widget_class_install_action (widget_class, "editor.indent", NULL, indent_cb);
  gtk_widget_class_install_action (widget_class, "editor.outdent", NULL, indent_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "editor.bold", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "editor.italic", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "editor.link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "editor.heading-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "editor.heading-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.toggle-list", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Q, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.toggle-quote", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.toggle-code", NULL);
}

void
_byline_source_view_format_init (BylineSourceView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  /* Capture phase: list editing runs before the text view inserts the newline or tab. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
