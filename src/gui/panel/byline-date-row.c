/* byline-date-row.c
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

#define G_LOG_DOMAIN "byline-date-row"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-date-row.h"

/*
 * A datetime of the record (publishedAt, updatedAt). It is shown in local time and picked
 * with a calendar and hour and minute spin buttons; the value is always UTC, written as
 * `YYYY-MM-DDTHH:MM:SS.sssZ`, the form FORMAT.md asks for.
 */

struct _BylineDateRow
{
  AdwActionRow    parent_instance;

  /* Template widgets */
  GtkCalendar    *calendar;
  GtkSpinButton  *hour;
  GtkSpinButton  *minute;
  GtkButton      *clear_button;
  GtkMenuButton  *button;

  /* Owned references */
  char           *value;

  guint           updating : 1;
};

G_DEFINE_FINAL_TYPE (BylineDateRow, byline_date_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_value_from_user (BylineDateRow *self,
                     GDateTime     *date_time)
{
  g_autofree char *value = date_time ? byline_date_row_format (date_time) : NULL;

  byline_date_row_set_value (self, value);
}

static void
picker_changed_cb (BylineDateRow *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) previous = NULL;
  int seconds = 0;

  g_assert (BYLINE_IS_DATE_ROW (self));

  if (self->updating)
    return;

  /* Keep the seconds of the value being changed: only hours and minutes are picked. */
  if ((previous = byline_date_row_parse (self->value)))
    {
      g_autoptr(GDateTime) previous_local = g_date_time_to_local (previous);

      seconds = g_date_time_get_second (previous_local);
    }

  day = gtk_calendar_get_date (self->calendar);
  local = g_date_time_new_local (g_date_time_get_year (day),
                                 g_date_time_get_month (day),
                                 g_date_time_get_day_of_month (day),
                                 gtk_spin_button_get_value_as_int (self->hour),
                                 gtk_spin_button_get_value_as_int (self->minute),
                                 seconds);
  if (local != NULL)
    set_value_from_user (self, local);
}

/* Times read 09:05, not 9:5. */
static gboolean
spin_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
now_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  set_value_from_user (BYLINE_DATE_ROW (widget), now);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  set_value_from_user (BYLINE_DATE_ROW (widget), NULL);
}

static void
update_display (BylineDateRow *self)
{
  g_autoptr(GDateTime) date_time = byline_date_row_parse (self->value);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "date.clear", self->value != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->clear_button), self->value != NULL);

  if (self->value == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("Not set"));
      return;
    }

  if (date_time == NULL)
    {
      /* Shown as written; the panel explains what is wrong with it. */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), self->value);
      return;
    }

  {
    g_autoptr(GDateTime) local = g_date_time_to_local (date_time);
    /* Translators: a date and time in local time, see g_date_time_format() */
    g_autofree char *text = g_date_time_format (local, _("%A %e %B %Y, %H:%M"));

    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), g_strstrip (text));

    self->updating = TRUE;
    gtk_calendar_select_day (self->calendar, local);
    gtk_spin_button_set_value (self->hour, g_date_time_get_hour (local));
    gtk_spin_button_set_value (self->minute, g_date_time_get_minute (local));
    self->updating = FALSE;
  }
}

static void
byline_date_row_finalize (GObject *object)
{
  BylineDateRow *self = BYLINE_DATE_ROW (object);

  g_clear_pointer (&self->value, g_free);

  G_OBJECT_CLASS (byline_date_row_parent_class)->finalize (object);
}

static void
byline_date_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BYLINE_TYPE_DATE_ROW);

  G_OBJECT_CLASS (byline_date_row_parent_class)->dispose (object);
}

static void
byline_date_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BylineDateRow *self = BYLINE_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, byline_date_row_get_value (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_date_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BylineDateRow *self = BYLINE_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      byline_date_row_set_value (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_date_row_class_init (BylineDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_date_row_dispose;
  object_class->finalize = byline_date_row_finalize;
  object_class->get_property = byline_date_row_get_property;
  object_class->set_property = byline_date_row_set_property;

  /**
   * BylineDateRow:value:
   *
   * The datetime as written in the front matter, or %NULL when unset.
   */
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/byline-date-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineDateRow, calendar);
  gtk_widget_class_bind_template_child (widget_class, BylineDateRow, hour);
  gtk_widget_class_bind_template_child (widget_class, BylineDateRow, minute);
  gtk_widget_class_bind_template_child (widget_class, BylineDateRow, clear_button);
  gtk_widget_class_bind_template_child (widget_class, BylineDateRow, button);
  gtk_widget_class_bind_template_callback (widget_class, picker_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_output_cb);

  gtk_widget_class_install_action (widget_class, "date.now", NULL, now_action);
  gtk_widget_class_install_action (widget_class, "date.clear", NULL, clear_action);
}

/* Each row's buttons say which date they change: two rows' "Choose Date and Time" told a
 * screen reader user nothing. */
static void
title_changed_cb (BylineDateRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  g_autofree char *choose = NULL;
  g_autofree char *clear = NULL;

  /* Translators: the date's row, as "Published" */
  choose = g_strdup_printf (_("Choose the %s Date and Time"), title);
  /* Translators: the date's row, as "Published" */
  clear = g_strdup_printf (_("Remove the %s Date"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, choose, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->clear_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, clear, -1);
}

static void
byline_date_row_init (BylineDateRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
  update_display (self);
}

const char *
byline_date_row_get_value (BylineDateRow *self)
{
  g_return_val_if_fail (BYLINE_IS_DATE_ROW (self), NULL);

  return self->value;
}

/**
 * byline_date_row_set_value:
 * @self: a #BylineDateRow
 * @value: (nullable): the datetime as written in the front matter
 */
void
byline_date_row_set_value (BylineDateRow *self,
                           const char    *value)
{
  g_return_if_fail (BYLINE_IS_DATE_ROW (self));

  if (value != NULL && value[0] == 0)
    value = NULL;

  if (!g_set_str (&self->value, value))
    return;

  update_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

/**
 * byline_date_row_format:
 * @date_time: a datetime in any time zone
 *
 * Returns: (transfer full): @date_time in UTC as `YYYY-MM-DDTHH:MM:SS.sssZ`
 */
char *
byline_date_row_format (GDateTime *date_time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *seconds = NULL;

  g_return_val_if_fail (date_time != NULL, NULL);

  utc = g_date_time_to_utc (date_time);
  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (utc) / 1000);
}

/**
 * byline_date_row_parse:
 * @value: (nullable): a datetime as written in a front matter
 *
 * Reads RFC 3339 datetimes, and the bare dates (`2024-01-05`, taken as midnight UTC) that
 * static-site generators write.
 *
 * Returns: (transfer full) (nullable): the datetime, or %NULL if @value is not one
 */
GDateTime *
byline_date_row_parse (const char *value)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *date_time;

  if (value == NULL || value[0] == 0)
    return NULL;

  if ((date_time = g_date_time_new_from_iso8601 (value, utc)))
    return date_time;

  if (strlen (value) == 10)
    {
      g_autofree char *midnight = g_strconcat (value, "T00:00:00Z", NULL);

      return g_date_time_new_from_iso8601 (midnight, utc);
    }

  return NULL;
}
