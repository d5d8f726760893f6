import Web

/// The words of the demo debates (DemoForums writes them), in each edition's language. A
/// reply joins one of the arguments to one of the closing lines; their counts share no
/// factor, so a debate of thirty posts never says the same thing twice.
enum DemoDebates {
    struct OpenForum {
        let title: String
        let description: String
        let network: String?
        let language: Language
        let topics: [(title: String, body: String, replies: [String])]
    }

    static func language(_ code: String) -> Language { Language(rawValue: code) ?? .es }

    static func prompt(_ language: Language) -> (title: String, body: String) {
        switch language {
        case .pt: ("Reflexão: o que a sua cidade aprendeu ao planejar com a cidadania?",
                   "Antes da próxima sessão, conte **um caso concreto** do seu município:\n\n- o que foi decidido com a participação dos moradores;\n- o que deu certo e o que não deu.\n\nResponda às colegas citando a mensagem que comenta.")
        case .en: ("Reflection: what has your city learnt from planning with its residents?",
                   "Before the next session, share **one concrete case** from your municipality:\n\n- what was decided with residents taking part;\n- what worked and what did not.\n\nAnswer your colleagues by quoting the post you discuss.")
        case .fr: ("Réflexion : qu’a appris votre ville en planifiant avec ses habitants ?",
                   "Avant la prochaine séance, partagez **un cas concret** de votre commune :\n\n- ce qui a été décidé avec la participation des habitants ;\n- ce qui a marché et ce qui n’a pas marché.\n\nRépondez à vos collègues en citant le message que vous commentez.")
        case .es: ("Reflexión: ¿qué aprendió su ciudad al planificar con la ciudadanía?",
                   "Antes de la próxima sesión, cuente **un caso concreto** de su municipio:\n\n- qué se decidió con la participación de los vecinos;\n- qué funcionó y qué no.\n\nResponda a sus colegas citando el mensaje que comenta.")
        }
    }

    static let arguments: [Language: [String]] = [
        .es: [
            "En nuestro municipio abrimos el presupuesto participativo a los barrios periféricos y la asistencia se triplicó.",
            "No estoy de acuerdo del todo: sin un equipo técnico que acompañe, las propuestas vecinales se quedan en el papel.",
            "Las mesas de movilidad funcionaron cuando llevamos los datos de accidentes a cada asamblea.",
            "Lo difícil fue sostener la participación después de la primera votación; la gente quiere ver obras.",
            "Probamos con consultas en línea y respondieron sobre todo jóvenes; tuvimos que volver a las reuniones presenciales.",
            "La clave fue publicar cada mes en qué punto estaba cada proyecto votado.",
            "Las mujeres del mercado municipal cambiaron por completo el diseño de la plaza: nadie del equipo lo había previsto.",
            "Creo que la participación también tiene un costo: hay que presupuestarla como cualquier otra política.",
        ],
        .pt: [
            "No nosso município abrimos o orçamento participativo aos bairros da periferia e a presença triplicou.",
            "Não concordo totalmente: sem uma equipe técnica que acompanhe, as propostas dos moradores ficam no papel.",
            "As mesas de mobilidade funcionaram quando levamos os dados de acidentes a cada assembleia.",
            "O difícil foi manter a participação depois da primeira votação; as pessoas querem ver obras.",
            "Testamos consultas on-line e responderam sobretudo jovens; tivemos de voltar às reuniões presenciais.",
            "O segredo foi publicar todo mês em que ponto estava cada projeto votado.",
            "As feirantes do mercado municipal mudaram por completo o desenho da praça: ninguém da equipe tinha previsto.",
            "Acho que a participação também tem um custo: é preciso orçá-la como qualquer outra política.",
        ],
        .en: [
            "We opened participatory budgeting to the outlying neighbourhoods and attendance tripled.",
            "I do not fully agree: without a technical team alongside, residents' proposals stay on paper.",
            "The mobility round tables worked once we brought the accident figures to every meeting.",
            "The hard part was keeping people involved after the first vote; they want to see works.",
            "We tried online consultations and mostly young people answered; we had to go back to meetings in person.",
            "What made it work was publishing every month where each voted project stood.",
            "The women of the municipal market redesigned the square completely: nobody on the team had foreseen it.",
            "I think participation has a cost too: it must be budgeted like any other policy.",
        ],
        .fr: [
            "Nous avons ouvert le budget participatif aux quartiers périphériques et la participation a triplé.",
            "Je ne suis pas tout à fait d’accord : sans équipe technique pour accompagner, les propositions des habitants restent sur le papier.",
            "Les tables rondes sur la mobilité ont marché quand nous avons apporté les chiffres des accidents à chaque réunion.",
            "Le plus dur a été de maintenir l’élan après le premier vote ; les gens veulent voir des travaux.",
            "Nous avons essayé des consultations en ligne et ce sont surtout des jeunes qui ont répondu ; il a fallu revenir aux réunions.",
            "Ce qui a compté, c’est de publier chaque mois où en était chaque projet voté.",
            "Les commerçantes du marché municipal ont entièrement repensé la place : personne dans l’équipe ne l’avait prévu.",
            "Je crois que la participation a aussi un coût : il faut la budgéter comme toute autre politique.",
        ],
    ]

    static let closers: [Language: [String]] = [
        .es: ["¿A alguien le pasó algo parecido?", "Les dejo el enlace al informe en cuanto lo publiquemos.", "Me interesa mucho cómo lo resolvieron ustedes.",
              "Lo comentaremos en la próxima sesión.", "Gracias por compartir, aprendo mucho de sus casos."],
        .pt: ["Alguém passou por algo parecido?", "Deixo o link do relatório assim que o publicarmos.", "Quero muito saber como vocês resolveram isso.",
              "Vamos comentar isso na próxima sessão.", "Obrigada por compartilhar, aprendo muito com os casos de vocês."],
        .en: ["Has anyone been through something similar?", "I will share the report as soon as we publish it.", "I would love to know how you solved it.",
              "Let us discuss it in the next session.", "Thanks for sharing, I learn a lot from your cases."],
        .fr: ["Quelqu’un a-t-il vécu quelque chose de semblable ?", "Je partagerai le rapport dès sa publication.", "J’aimerais beaucoup savoir comment vous l’avez résolu.",
              "Nous en parlerons à la prochaine séance.", "Merci du partage, vos cas m’apprennent beaucoup."],
    ]

    /// Every argument joined to every closing line, in an order that alternates both.
    static func replies(_ language: Language) -> [String] {
        let arguments = arguments[language] ?? [], closers = closers[language] ?? []
        return (0..<(arguments.count * closers.count)).map { "\(arguments[$0 % arguments.count]) \(closers[$0 % closers.count])" }
    }

    static func offTopic(_ language: Language) -> String {
        switch language {
        case .pt: "Vendo equipamentos de som para eventos municipais, preço especial para prefeituras. Escrevam-me!"
        case .en: "Selling sound equipment for municipal events, special price for city halls. Write to me!"
        case .fr: "Vends du matériel de sonorisation pour les fêtes municipales, prix spécial mairies. Écrivez-moi !"
        case .es: "Vendo equipos de sonido para eventos municipales, precio especial para alcaldías. ¡Escríbanme!"
        }
    }

    static let openForums: [OpenForum] = [
        OpenForum(
            title: "Movilidad sostenible", description: "Transporte público, bicicleta y calles seguras: experiencias de las ciudades de la red.",
            network: nil, language: .es,
            topics: [
                ("¿Carriles bici temporales o definitivos?", "Tras la pandemia, muchas ciudades pintaron carriles provisionales. ¿Los mantuvieron?",
                 ["En Bogotá se quedaron casi todos y hoy son parte de la red.", "Nosotros los retiramos por presión del comercio; fue un error.",
                  "Medimos el tráfico antes y después: los datos convencieron al concejo.", "Depende mucho del ancho de las calles del centro."]),
                ("Tarifa social del transporte", "¿Alguna ciudad subsidia el boleto para estudiantes y personas mayores?",
                 ["Sí, con una tarjeta única; el padrón lo cruza servicios sociales.", "Lo tuvimos que financiar con un impuesto al estacionamiento."]),
            ]),
        OpenForum(
            title: "Rede Brasil: gestão municipal", description: "Espaço da rede brasileira para trocar experiências de gestão entre prefeituras.",
            network: "brasil", language: .pt,
            topics: [
                ("Consórcios intermunicipais de resíduos", "Quem já participa de um consórcio para a gestão de resíduos sólidos? Como dividiram os custos?",
                 ["Dividimos pela população de cada município, revisada a cada dois anos.", "No nosso caso a divisão é pela tonelada entregue.",
                  "O mais difícil foi a governança: cada prefeito quer o aterro longe da sua cidade."]),
            ]),
    ]
}
