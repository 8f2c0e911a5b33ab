#include "service/Result.h"

using namespace Qt::StringLiterals;

namespace appint {

QString resultStatusId(ResultStatus status)
{
    switch (status) {
    case ResultStatus::Ok:
        return u"ok"_s;
    case ResultStatus::Network:
        return u"network"_s;
    case ResultStatus::Tls:
        return u"tls"_s;
    case ResultStatus::Timeout:
        return u"timeout"_s;
    case ResultStatus::Authentication:
        return u"authentication"_s;
    case ResultStatus::Forbidden:
        return u"forbidden"_s;
    case ResultStatus::Validation:
        return u"validation"_s;
    case ResultStatus::Conflict:
        return u"conflict"_s;
    case ResultStatus::NotFound:
        return u"not_found"_s;
    case ResultStatus::RateLimited:
        return u"rate_limited"_s;
    case ResultStatus::Server:
        return u"server"_s;
    case ResultStatus::Protocol:
        return u"protocol"_s;
    case ResultStatus::Cancelled:
        return u"cancelled"_s;
    case ResultStatus::SignInEnded:
        return u"sign_in_ended"_s;
    }
    Q_UNREACHABLE();
}

} // namespace appint
