from django.http import HttpResponse


def match(request, person_id=None):  # replaced once the core is merged
    return HttpResponse(status=404)
