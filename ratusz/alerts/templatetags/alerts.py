from django import template

register = template.Library()


@register.inclusion_tag("alerts/includes/banner_list.html", takes_context=True)
def alerts_banner(context):
    """Use the context processor's list when installed, else compute it here."""
    alerts = context.get("active_alerts")
    if alerts is None:
        from ..banner import banner_alerts

        alerts = banner_alerts(site=context.get("request"))
    return {"alerts": list(alerts)}


@register.simple_tag
def level_label(value):
    from ..models import Level

    return Level(value).label if value in Level.values else value


@register.simple_tag
def level_name(value):
    """The level's colour alone ("czerwony"), for the one-line summary of the banner."""
    return level_label(value).split(" — ")[0]
